package io.heapstream.collector.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.heapstream.testkit.TestServices;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * A replica that dies without leaving the group (killed, partitioned away) keeps its shards only for its group
 * session, half an interval: the others hold them within one interval, so its nodes are scraped again within
 * two. Real broker.
 */
class ShardMembershipIT {
    private static final Duration INTERVAL = Duration.ofSeconds(12);
    private static final int SHARDS = 8;

    @Test
    void aReplicaThatDiesWithoutLeavingLosesItsShardsToTheOthersWithinOneInterval() {
        String bootstrap = TestServices.kafkaBootstrap();
        String topic = TestServices.unique("shards_crash");
        String group = TestServices.unique("collector_crash");
        Map<String, Object> client = Map.of("bootstrap.servers", bootstrap);
        try (var survivor = new ShardMembership(client, topic, SHARDS, group, INTERVAL, "survivor");
             var doomed = new ShardMembership(client, topic, SHARDS, group, INTERVAL, "doomed")) {
            survivor.start();
            doomed.start();
            Set<Integer> all = IntStream.range(0, SHARDS).boxed().collect(Collectors.toSet());
            await().atMost(Duration.ofSeconds(60)).until(() -> !doomed.owned().isEmpty()
                    && !survivor.owned().isEmpty() && union(survivor, doomed).equals(all));
            assertThat(survivor.owned()).doesNotContainAnyElementsOf(doomed.owned());

            long diedAt = System.nanoTime();
            doomed.abandon();
            await().atMost(INTERVAL.plusSeconds(30)).until(() -> survivor.owned().equals(all));
            Duration handedOver = Duration.ofNanos(System.nanoTime() - diedAt);

            assertThat(handedOver).as("shards of a silent replica held by the others after").isLessThan(INTERVAL)
                    .isGreaterThanOrEqualTo(PoolConfig.sessionTimeout(INTERVAL).minusSeconds(1));
        }
    }

    private static Set<Integer> union(ShardMembership a, ShardMembership b) {
        var union = new HashSet<>(a.owned());
        union.addAll(b.owned());
        return union;
    }
}
