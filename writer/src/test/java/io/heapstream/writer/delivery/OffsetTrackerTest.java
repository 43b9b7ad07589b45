package io.heapstream.writer.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class OffsetTrackerTest {
    private static final TopicPartition P0 = new TopicPartition("heapstream.rollup.1m", 0);
    private static final TopicPartition P1 = new TopicPartition("heapstream.rollup.1m", 1);

    private final OffsetTracker tracker = new OffsetTracker();

    @Test
    void acknowledgedBatchMakesTheOffsetAfterItsLastRecordCommittable() {
        int generation = tracker.assign(P0);

        tracker.acknowledge(batch(record(P0, generation, 10), record(P0, generation, 11)));

        assertThat(tracker.uncommitted(null)).isEqualTo(Map.of(P0, new OffsetAndMetadata(12)));
    }

    @Test
    void nothingIsCommittableBeforeAnAcknowledgement() {
        tracker.assign(P0);

        assertThat(tracker.uncommitted(null)).isEmpty();
    }

    @Test
    void committedOffsetsAreNotOfferedAgain() {
        int generation = tracker.assign(P0);
        tracker.acknowledge(batch(record(P0, generation, 10)));

        tracker.committed(tracker.uncommitted(null));

        assertThat(tracker.uncommitted(null)).isEmpty();
    }

    @Test
    void acknowledgementOfARevokedPartitionIsNotCommitted() {
        int generation = tracker.assign(P0);
        tracker.revoke(List.of(P0));

        tracker.acknowledge(batch(record(P0, generation, 10)));

        assertThat(tracker.uncommitted(null)).isEmpty();
    }

    @Test
    void acknowledgementReadBeforeAReassignmentIsNotCommitted() {
        int before = tracker.assign(P0);
        tracker.revoke(List.of(P0));
        int after = tracker.assign(P0);

        tracker.acknowledge(batch(record(P0, before, 10)));
        tracker.acknowledge(batch(record(P0, after, 4)));

        assertThat(tracker.uncommitted(null)).isEqualTo(Map.of(P0, new OffsetAndMetadata(5)));
    }

    @Test
    void uncommittedCanBeLimitedToSomePartitions() {
        int g0 = tracker.assign(P0);
        int g1 = tracker.assign(P1);
        tracker.acknowledge(batch(record(P0, g0, 1), record(P1, g1, 7)));

        assertThat(tracker.uncommitted(List.of(P1))).isEqualTo(Map.of(P1, new OffsetAndMetadata(8)));
    }

    static PendingRecord record(TopicPartition partition, int generation, long offset) {
        return new PendingRecord(partition, offset, generation, null, new byte[0], "rp_1m",
                List.of("m v=1 " + offset), null,
                Instant.EPOCH, Instant.EPOCH);
    }

    private static Batch batch(PendingRecord... records) {
        return new Batch(List.of(records));
    }
}
