package io.heapstream.writer;

import static io.heapstream.writer.ItRollups.HOUR;
import static io.heapstream.writer.ItRollups.MINUTE;
import static io.heapstream.writer.ItRollups.START;
import static io.heapstream.writer.ItRollups.rollup;
import static io.heapstream.writer.ItRollups.stats;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.heapstream.model.rollup.MetricStats;
import io.heapstream.model.rollup.Rollup;
import io.heapstream.model.rollup.RollupKey;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class NativeSchemaIT {
    private static final String TIME = START.toString();
    private static final List<Rollup> ROLLUPS = List.of(
            rollup(RollupKey.container("prod", "shop", "cart-1", "app", "node-1", "Deployment/cart"), MINUTE, START,
                    List.of(stats("cpu/usage_rate", 250), stats("memory/working_set", 1000))),
            rollup(RollupKey.pod("prod", "shop", "cart-1", "node-1", "Deployment/cart"), MINUTE, START,
                    List.of(stats("cpu/usage_rate", 260), new MetricStats("filesystem/usage", "Volume:data", 2, 40,
                            30, 50, 50))),
            rollup(RollupKey.node("prod", "node-1"), MINUTE, START, List.of(stats("memory/usage", 5000))),
            rollup(RollupKey.fleet(), MINUTE, START, List.of(stats("cpu/usage_rate", 9000))),
            rollup(RollupKey.cluster("prod"), HOUR, START, List.of(stats("cpu/usage_rate", 700))));

    private final ItEnvironment world = ItEnvironment.shared(2);
    private WriterService writer;

    @AfterEach
    void tearDown() {
        world.close();
    }

    @Test
    void rollupsBecomeOnePointPerSeriesWithTheirStatisticsAsFields() {
        world.produce(ROLLUPS);

        writer = start(world.config("native", Map.of()));

        await().atMost(Duration.ofSeconds(60)).until(() -> world.count("rp_1h", "cluster", "cpu_usage_rate_avg") == 1
                && world.count("rp_1m", "fleet", "cpu_usage_rate_avg") == 1
                && world.count("rp_1m", "container", "cpu_usage_rate_avg") == 1
                && world.count("rp_1m", "pod", "filesystem_usage_avg") == 1);
        assertThat(world.rows("SELECT * FROM \"rp_1m\".\"container\"")).containsExactly(Map.ofEntries(
                Map.entry("time", TIME), Map.entry("cluster", "prod"), Map.entry("namespace", "shop"),
                Map.entry("pod", "cart-1"), Map.entry("container", "app"), Map.entry("node", "node-1"),
                Map.entry("workload", "Deployment/cart"),
                Map.entry("cpu_usage_rate_avg", 250.0), Map.entry("cpu_usage_rate_min", 249.0),
                Map.entry("cpu_usage_rate_max", 251.0), Map.entry("cpu_usage_rate_last", 250.5),
                Map.entry("cpu_usage_rate_count", 4.0),
                Map.entry("memory_working_set_avg", 1000.0), Map.entry("memory_working_set_min", 999.0),
                Map.entry("memory_working_set_max", 1001.0), Map.entry("memory_working_set_last", 1000.5),
                Map.entry("memory_working_set_count", 4.0)));
        assertThat(world.rows("SELECT cpu_usage_rate_avg, filesystem_usage_max FROM \"rp_1m\".\"pod\""
                + " GROUP BY resource_id")).containsExactlyInAnyOrder(
                        Map.of("resource_id", "", "time", TIME, "cpu_usage_rate_avg", 260.0),
                        Map.of("resource_id", "Volume:data", "time", TIME, "filesystem_usage_max", 50.0));
        assertThat(world.rows("SELECT memory_usage_last FROM \"rp_1m\".\"node\" WHERE cluster = 'prod'"
                + " AND node = 'node-1'")).containsExactly(Map.of("time", TIME, "memory_usage_last", 5000.5));
        assertThat(world.rows("SELECT * FROM \"rp_1m\".\"fleet\"")).singleElement()
                .satisfies(row -> assertThat(row).doesNotContainKey("cluster").containsEntry("cpu_usage_rate_avg",
                        9000.0));
        assertThat(world.rows("SELECT cluster, cpu_usage_rate_avg FROM \"rp_1h\".\"cluster\"")).containsExactly(
                Map.of("time", TIME, "cluster", "prod", "cpu_usage_rate_avg", 700.0));
    }

    @Test
    void retentionPoliciesAreCreatedWithTheirDurationsAndTheFinestIsTheDefault() {
        writer = start(world.config("native", Map.of("HEAPSTREAM_RETENTION", "1m=3d,1h=30d")));

        await().atMost(Duration.ofSeconds(60)).until(writer::isReady);
        assertThat(world.rows("SHOW RETENTION POLICIES ON \"" + world.database + "\"")).extracting(
                row -> row.get("name") + " " + row.get("duration") + " " + row.get("default"))
                .contains("rp_1m 72h0m0s true", "rp_1h 720h0m0s false");
    }

    @Test
    void deliveringTheSameRollupsAgainLeavesTheSamePoints() throws Exception {
        world.produce(ROLLUPS);
        writer = start(world.config("native", Map.of()));
        awaitAllCommitted();
        long before = world.count("rp_1m", "container", "cpu_usage_rate_avg")
                + world.count("rp_1m", "pod", "cpu_usage_rate_count") + world.count("rp_1m", "pod",
                "filesystem_usage_avg");

        world.produce(ROLLUPS);
        awaitAllCommitted();
        writer.stop();
        // A new group replays both copies from the start of the topics.
        writer = start(world.config("native", Map.of("HEAPSTREAM_GROUP_ID", world.group + "_replay")));
        await().atMost(Duration.ofSeconds(60)).until(() -> writer.metrics().pointsWritten().count() >= 12);

        assertThat(before).isEqualTo(3);
        assertThat(world.count("rp_1m", "container", "cpu_usage_rate_avg")
                + world.count("rp_1m", "pod", "cpu_usage_rate_count")
                + world.count("rp_1m", "pod", "filesystem_usage_avg")).isEqualTo(before);
    }

    @Test
    void withNoCreateTheWriterWaitsForSomeoneToCreateTheDatabase() {
        world.produce(List.of(ROLLUPS.get(0)));
        var config = world.config("native", Map.of("HEAPSTREAM_NO_CREATE", "true"));

        writer = start(config);
        await().atMost(Duration.ofSeconds(60)).until(() -> writer.metrics().influxRetries().count() >= 2);
        assertThat(world.rows("SHOW DATABASES")).extracting(row -> row.get("name")).doesNotContain(world.database);

        try (var influx = io.heapstream.writer.influx.InfluxClient.connect(config)) {
            new InfluxSetup(influx, config.influxSchema(), true).ensure();
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> world.count("rp_1m", "container", "cpu_usage_rate_avg")
                == 1);
        // The lane marks InfluxDB up once the write call returns, a moment after the point is visible.
        await().atMost(Duration.ofSeconds(10)).until(() -> writer.metrics().influxUp());
    }

    private WriterService start(WriterConfig config) {
        return world.start(config);
    }

    private void awaitAllCommitted() throws Exception {
        var end = world.endOffsets(2);
        await().atMost(Duration.ofSeconds(60)).until(() -> world.committed().entrySet().containsAll(end.entrySet()));
    }
}
