package io.heapstream.collector.pool;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.junit.jupiter.api.Test;

class ShardMembershipTest {

    @Test
    void aNodeHashesToTheSameShardAsKafkasPartitionerWouldPutItsKey() {
        for (int i = 0; i < 500; i++) {
            String node = "node-" + i;
            assertThat(ShardMembership.shardOf(node, 64))
                    .isEqualTo(BuiltInPartitioner.partitionForKey(node.getBytes(), 64));
        }
    }

    @Test
    void nodesSpreadOverTheShards() {
        Map<Integer, Integer> perShard = new HashMap<>();
        IntStream.range(0, 6400).forEach(i -> perShard.merge(ShardMembership.shardOf("gke-pool-" + i, 64), 1,
                Integer::sum));
        assertThat(perShard).hasSize(64);
        assertThat(perShard.values()).allMatch(n -> n > 50 && n < 150);
    }

    @Test
    void aSilentReplicasShardsMoveWithinHalfAnIntervalAsFarAsBrokersAllow() {
        assertThat(PoolConfig.sessionTimeout(Duration.ofSeconds(15))).isEqualTo(Duration.ofMillis(7500));
        assertThat(PoolConfig.sessionTimeout(Duration.ofSeconds(4))).isEqualTo(Duration.ofSeconds(6));
        assertThat(PoolConfig.sessionTimeout(Duration.ofMinutes(5))).isEqualTo(Duration.ofSeconds(45));
    }
}
