package io.heapstream.writer;

import static io.heapstream.writer.ItRollups.HOUR;
import static io.heapstream.writer.ItRollups.MINUTE;
import static io.heapstream.writer.ItRollups.START;
import static io.heapstream.writer.ItRollups.rollup;
import static io.heapstream.writer.ItRollups.stats;
import static io.heapstream.writer.ItRollups.withLabels;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.heapstream.model.rollup.MetricStats;
import io.heapstream.model.rollup.RollupKey;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HeapsterSchemaIT {
    private static final String TIME = START.toString();

    private final ItEnvironment world = ItEnvironment.shared(1);
    private WriterService writer;

    @AfterEach
    void tearDown() {
        world.close();
    }

    @Test
    void rollupsBecomeHeapstersMeasurementsWithHeapstersTagsAndValueTypes() {
        world.produce(List.of(
                withLabels(rollup(RollupKey.container("prod", "shop", "cart-1", "app", "node-1", "Deployment/cart"),
                        MINUTE, START, List.of(stats("cpu/usage_rate", 250.4), stats("network/rx_rate", 12.5))),
                        Map.of("tier", "web", "app", "cart"), "shop/cart:1.2"),
                rollup(RollupKey.pod("prod", "shop", "cart-1", "node-1", null), MINUTE, START,
                        List.of(new MetricStats("filesystem/usage", "Volume:data", 2, 40, 30, 50, 50))),
                rollup(RollupKey.namespace("prod", "shop"), MINUTE, START, List.of(stats("cpu/usage_rate", 600))),
                rollup(RollupKey.sysContainer("prod", "node-1", "runtime"), MINUTE, START,
                        List.of(stats("memory/usage", 4096))),
                rollup(RollupKey.workload("prod", "shop", "Deployment/cart"), MINUTE, START,
                        List.of(stats("cpu/usage_rate", 250))),
                rollup(RollupKey.cluster("prod"), HOUR, START, List.of(stats("cpu/usage_rate", 900),
                        new MetricStats("cpu/usage_rate", MetricStats.PODS_TOTAL, 2, 700, 700, 700, 700)))));

        writer = world.start(world.config("heapster", Map.of()));

        await().atMost(Duration.ofSeconds(60)).until(() -> world.count("rp_1h", "cpu/usage_rate", "value") == 1
                && world.count("default", "cpu/usage_rate", "value") == 2
                && world.count("default", "memory/usage", "value") == 1
                && world.count("default", "filesystem/usage", "value") == 1
                && world.count("default", "network/rx_rate", "value") == 1);
        assertThat(world.rows("SELECT * FROM \"default\".\"cpu/usage_rate\" WHERE type = 'pod_container'"))
                .containsExactly(Map.of("time", TIME, "type", "pod_container", "cluster_name", "prod",
                        "nodename", "node-1", "namespace_name", "shop", "pod_name", "cart-1", "container_name", "app",
                        "container_base_image", "shop/cart:1.2", "labels", "app:cart,tier:web", "value", 250.0));
        assertThat(world.rows("SELECT * FROM \"default\".\"cpu/usage_rate\" WHERE type = 'ns'")).containsExactly(
                Map.of("time", TIME, "type", "ns", "cluster_name", "prod", "namespace_name", "shop", "value", 600.0));
        assertThat(world.rows("SELECT * FROM \"default\".\"filesystem/usage\"")).containsExactly(Map.of("time", TIME,
                "type", "pod", "cluster_name", "prod", "nodename", "node-1", "namespace_name", "shop", "pod_name",
                "cart-1", "resource_id", "Volume:data", "value", 40.0));
        assertThat(world.rows("SELECT * FROM \"default\".\"memory/usage\"")).containsExactly(Map.of("time", TIME,
                "type", "sys_container", "cluster_name", "prod", "nodename", "node-1", "container_name",
                "docker-daemon", "value", 4096.0));
        assertThat(world.rows("SELECT value FROM \"rp_1h\".\"cpu/usage_rate\" WHERE type = 'cluster'"))
                .containsExactly(Map.of("time", TIME, "value", 700.0));
        // The field types Heapster used, so a database shared with Heapster's data has no type conflicts.
        assertThat(world.rows("SHOW FIELD KEYS FROM \"cpu/usage_rate\"")).extracting(row -> row.get("fieldType"))
                .containsExactly("integer");
        assertThat(world.rows("SHOW FIELD KEYS FROM \"network/rx_rate\"")).extracting(row -> row.get("fieldType"))
                .containsExactly("float");
    }

    @Test
    void labelsAndImageTagsCanBeLeftOut() {
        world.produce(List.of(withLabels(rollup(RollupKey.container("prod", "shop", "cart-1", "app", "node-1", null),
                MINUTE, START, List.of(stats("cpu/usage_rate", 250))), Map.of("app", "cart"), "shop/cart:1.2")));

        writer = world.start(world.config("heapster", Map.of("HEAPSTREAM_HEAPSTER_LABELS_TAG", "false",
                "HEAPSTREAM_HEAPSTER_IMAGE_TAG", "false")));

        await().atMost(Duration.ofSeconds(60)).until(() -> world.count("default", "cpu/usage_rate", "value") == 1);
        assertThat(world.rows("SHOW TAG KEYS FROM \"cpu/usage_rate\"")).extracting(row -> row.get("tagKey"))
                .containsExactlyInAnyOrder("cluster_name", "container_name", "namespace_name", "nodename", "pod_name",
                        "type");
    }
}
