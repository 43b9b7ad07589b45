package io.heapstream.writer.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.junit.jupiter.api.Test;

class IgnoredTopicsTest {
    private final MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("earliest");
    private final AtomicInteger gauge = new AtomicInteger();

    @Test
    void rollupTopicOfAResolutionWithoutRetentionIsReportedAndCounted() {
        topics("heapstream.rollup.1m", "heapstream.rollup.1h", "heapstream.rollup.10s", "heapstream.raw",
                "heapstream.dead-letter");
        var ignored = new IgnoredTopics("heapstream.rollup.", List.of("heapstream.rollup.1m", "heapstream.rollup.1h"),
                gauge);

        assertThat(ignored.check(consumer)).containsExactly("heapstream.rollup.10s");
        assertThat(gauge.get()).isEqualTo(1);
    }

    @Test
    void nothingIsReportedWhenEveryRollupTopicIsRead() {
        topics("heapstream.rollup.1m", "heapstream.raw");
        var ignored = new IgnoredTopics("heapstream.rollup.", List.of("heapstream.rollup.1m", "heapstream.rollup.1h"),
                gauge);

        assertThat(ignored.check(consumer)).isEmpty();
        assertThat(gauge.get()).isZero();
    }

    private void topics(String... names) {
        for (String name : names) {
            consumer.updatePartitions(name, List.of(new PartitionInfo(name, 0, Node.noNode(), new Node[0],
                    new Node[0])));
        }
    }
}
