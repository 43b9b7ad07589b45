package io.heapstream.writer.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class BatchTest {
    private static final TopicPartition P0 = new TopicPartition("heapstream.rollup.1m", 0);
    private static final TopicPartition H0 = new TopicPartition("heapstream.rollup.1h", 0);

    @Test
    void linesAreGroupedByRetentionPolicyAndRememberTheirRecord() {
        var batch = new Batch(List.of(
                record(P0, 5, 1, null, new byte[0], "rp_1m", List.of("a", "b"), null),
                record(H0, 9, 1, null, new byte[0], "rp_1h", List.of("c"), null),
                record(P0, 6, 1, null, new byte[0], "rp_1m", List.of("d"), null)));

        assertThat(batch.groups()).containsOnlyKeys("rp_1m", "rp_1h");
        assertThat(batch.groups().get("rp_1m")).isEqualTo(new Batch.Group(List.of("a", "b", "d"), List.of(0, 0, 2)));
        assertThat(batch.groups().get("rp_1h")).isEqualTo(new Batch.Group(List.of("c"), List.of(1)));
        assertThat(batch.points()).isEqualTo(4);
        assertThat(batch.progress()).containsEntry(P0, new Batch.Progress(1, 7)).containsEntry(H0,
                new Batch.Progress(1, 10));
    }

    @Test
    void recordsWithoutPointsStillWeighAndAreCommitted() {
        var batch = new Batch(List.of(record(P0, 3, 1, null, null, null, List.of(), null),
                record(P0, 4, 1, null, new byte[] {1}, null, List.of(), "unreadable rollup: x")));

        assertThat(batch.groups()).isEmpty();
        assertThat(batch.points()).isZero();
        assertThat(batch.weight()).isEqualTo(2);
        assertThat(batch.progress()).containsEntry(P0, new Batch.Progress(1, 5));
    }

    private static PendingRecord record(TopicPartition partition, long offset, int generation, byte[] key,
                                        byte[] value, String policy, List<String> lines, String unreadable) {
        return new PendingRecord(partition, offset, generation, key, value, policy, lines, unreadable, Instant.EPOCH,
                Instant.EPOCH);
    }
}
