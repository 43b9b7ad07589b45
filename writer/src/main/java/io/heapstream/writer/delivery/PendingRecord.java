package io.heapstream.writer.delivery;

import java.time.Instant;
import java.util.List;
import org.apache.kafka.common.TopicPartition;

/**
 * One consumed rollup record on its way to InfluxDB: where it came from (to commit it and, if need be, to
 * dead-letter it with its original bytes) and its points as lines of line protocol.
 *
 * @param partition       source topic and partition
 * @param offset          source offset
 * @param generation      the assignment generation of the partition when the record was read (see
 *                        {@link OffsetTracker}): acknowledgements of an older generation are not committed
 * @param key             original key bytes
 * @param value           original value bytes
 * @param retentionPolicy where the lines go
 * @param lines           the record's points; empty for tombstones and unreadable records
 * @param unreadable      why the record could not be turned into points, or {@code null}
 * @param recordTime      the record's Kafka timestamp (on a topic with {@code LogAppendTime}, when the broker
 *                        appended it), to tell how long a point spent before the writer and in it
 * @param readAt          when the writer's consumer read the record
 */
public record PendingRecord(TopicPartition partition, long offset, int generation, byte[] key, byte[] value,
                            String retentionPolicy, List<String> lines, String unreadable, Instant recordTime,
                            Instant readAt) {
    public PendingRecord {
        lines = List.copyOf(lines);
    }

    /** What the record costs in the pending-points budget: its points, and at least 1 for the bytes it holds. */
    public int weight() {
        return Math.max(1, lines.size());
    }
}
