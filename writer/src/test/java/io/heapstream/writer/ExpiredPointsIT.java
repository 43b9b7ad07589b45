package io.heapstream.writer;

import static io.heapstream.writer.ItRollups.MINUTE;
import static io.heapstream.writer.ItRollups.clusterMinutes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.heapstream.writer.influx.BatchResult;
import io.heapstream.writer.influx.InfluxBatchWriter;
import io.heapstream.writer.influx.InfluxClient;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A new writer group reading a topic from the start meets rollups older than InfluxDB keeps (issue 17, item 9):
 * they are skipped and counted before writing, and what still reaches InfluxDB too old (a policy shorter than
 * --retention says) costs one request, not one per point.
 */
class ExpiredPointsIT {
    /** The shortest policy InfluxDB allows: an hour. */
    private static final Map<String, String> ONE_HOUR = Map.of("HEAPSTREAM_RETENTION", "1m=1h");
    private final ItEnvironment world = ItEnvironment.shared(1);

    @AfterEach
    void tearDown() {
        world.close();
    }

    @Test
    void newWriterGroupSkipsAndCountsRollupsOlderThanTheirPolicyAndWritesTheRest() throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        world.produce(clusterMinutes("old", 5, now.minus(Duration.ofHours(3)), 10));
        world.produce(clusterMinutes("fresh", 2, now.minus(Duration.ofMinutes(10)), 3));

        var writer = world.start(world.config("native", ONE_HOUR));

        await().atMost(Duration.ofSeconds(60)).until(() -> world.committed().getOrDefault(
                new TopicPartition(world.minuteTopic, 0), 0L) == 56L);
        assertThat(world.count("rp_1m", "cluster", "cpu_usage_rate_avg")).isEqualTo(6);
        assertThat(writer.metrics().rollupsExpired().count()).isEqualTo(50);
        assertThat(writer.metrics().deadLettersRejected().count()).isZero();
        assertThat(writer.metrics().pointsRejected().count()).isZero();
    }

    @Test
    void pointsInfluxDropsAsBeyondRetentionCostOneRequestAndTheRestOfTheBatchIsWritten() throws Exception {
        var config = world.config("native", ONE_HOUR);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        var lines = new ArrayList<String>();
        for (int i = 0; i < 300; i++) {
            lines.add("cluster,cluster=old" + i + " cpu_usage_rate_avg=1.0 "
                    + now.minus(Duration.ofHours(2)).toEpochMilli());
        }
        for (int i = 0; i < 100; i++) {
            lines.add("cluster,cluster=fresh" + i + " cpu_usage_rate_avg=1.0 " + now.minus(MINUTE).toEpochMilli());
        }
        try (var influx = InfluxClient.connect(config)) {
            new InfluxSetup(influx, config.influxSchema(), true).ensure();
            var requests = new AtomicInteger();
            var writer = new InfluxBatchWriter((policy, batch) -> {
                requests.incrementAndGet();
                influx.write(policy, batch);
            });

            BatchResult result = writer.write("rp_1m", List.copyOf(lines));

            assertThat(requests.get()).isEqualTo(1);
            assertThat(result).isEqualTo(new BatchResult(100, List.of(), 300));
        }
        assertThat(world.count("rp_1m", "cluster", "cpu_usage_rate_avg")).isEqualTo(100);
    }
}
