package io.heapstream.app.replay;

import org.apache.kafka.common.TopicPartition;

/** The offsets [start, stop) of one partition that a replay reads. */
public record PartitionRange(TopicPartition partition, long start, long stop) {
    public long records() {
        return Math.max(0, stop - start);
    }
}
