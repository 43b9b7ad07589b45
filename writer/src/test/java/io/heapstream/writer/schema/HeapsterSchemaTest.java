package io.heapstream.writer.schema;

import static io.heapstream.writer.schema.Rollups.RETENTION;
import static io.heapstream.writer.schema.Rollups.resource;
import static io.heapstream.writer.schema.Rollups.rollup;
import static io.heapstream.writer.schema.Rollups.stats;
import static org.assertj.core.api.Assertions.assertThat;

import io.heapstream.model.MetricCatalogue;
import io.heapstream.model.rollup.MetricStats;
import io.heapstream.model.rollup.Rollup;
import io.heapstream.model.rollup.RollupKey;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.influxdb.dto.Point;
import org.junit.jupiter.api.Test;

class HeapsterSchemaTest {
    private static final String T = " 1714557600000000000";
    private static final Map<String, String> LABELS = Map.of("app", "cart", "tier", "web");
    private static final RollupKey CONTAINER =
            RollupKey.container("prod", "shop", "cart-7d9f", "app", "node-1", "Deployment/cart");

    private final HeapsterSchema schema = new HeapsterSchema("k8s", RETENTION, true, true);

    @Test
    void containerMetricsAreOnePointPerMetricWithHeapstersTags() {
        var rollup = rollup(CONTAINER, List.of(stats("cpu/usage_rate", 250.4), stats("memory/page_faults_rate", 1.5)),
                LABELS, "shop/cart:1.2");

        assertThat(lines(schema, rollup)).containsExactly(
                "cpu/usage_rate,cluster_name=prod,container_base_image=shop/cart:1.2,container_name=app,"
                        + "labels=app:cart\\,tier:web,namespace_name=shop,nodename=node-1,pod_name=cart-7d9f,"
                        + "type=pod_container value=250i" + T,
                "memory/page_faults_rate,cluster_name=prod,container_base_image=shop/cart:1.2,container_name=app,"
                        + "labels=app:cart\\,tier:web,namespace_name=shop,nodename=node-1,pod_name=cart-7d9f,"
                        + "type=pod_container value=1.5" + T);
    }

    @Test
    void eachHeapsterLevelHasItsTypeAndOnlyItsTags() {
        var cpu = List.of(stats("cpu/usage_rate", 250));

        assertThat(lines(schema, rollup(RollupKey.pod("prod", "shop", "cart-7d9f", "node-1", "Deployment/cart"),
                cpu, LABELS, null))).containsExactly("cpu/usage_rate,cluster_name=prod,labels=app:cart\\,tier:web,"
                + "namespace_name=shop,nodename=node-1,pod_name=cart-7d9f,type=pod value=250i" + T);
        assertThat(lines(schema, rollup(RollupKey.namespace("prod", "shop"), cpu)))
                .containsExactly("cpu/usage_rate,cluster_name=prod,namespace_name=shop,type=ns value=250i" + T);
        assertThat(lines(schema, rollup(RollupKey.node("prod", "node-1"), cpu)))
                .containsExactly("cpu/usage_rate,cluster_name=prod,nodename=node-1,type=node value=250i" + T);
        assertThat(lines(schema, rollup(RollupKey.cluster("prod"),
                List.of(resource("cpu/usage_rate", MetricStats.PODS_TOTAL, 250)))))
                .containsExactly("cpu/usage_rate,cluster_name=prod,type=cluster value=250i" + T);
    }

    @Test
    void systemContainersKeepHeapstersLegacyNames() {
        var cpu = List.of(stats("cpu/usage_rate", 250));

        assertThat(lines(schema, rollup(RollupKey.sysContainer("prod", "node-1", "runtime"), cpu)))
                .containsExactly("cpu/usage_rate,cluster_name=prod,container_name=docker-daemon,nodename=node-1,"
                        + "type=sys_container value=250i" + T);
        assertThat(lines(schema, rollup(RollupKey.sysContainer("prod", "node-1", "kubelet"), cpu)))
                .containsExactly("cpu/usage_rate,cluster_name=prod,container_name=kubelet,nodename=node-1,"
                        + "type=sys_container value=250i" + T);
    }

    @Test
    void workloadAndFleetHaveNoHeapsterTypeAndGiveNoPoints() {
        var cpu = List.of(stats("cpu/usage_rate", 250));

        assertThat(schema.points(rollup(RollupKey.workload("prod", "shop", "Deployment/cart"), cpu))).isEmpty();
        assertThat(schema.points(rollup(RollupKey.fleet(), cpu))).isEmpty();
    }

    @Test
    void perResourceMetricsCarryTheirResourceId() {
        var rollup = rollup(RollupKey.pod("prod", "shop", "cart-7d9f", "node-1", null),
                List.of(resource("filesystem/usage", "Volume:data", 4096)));

        assertThat(lines(schema, rollup)).containsExactly("filesystem/usage,cluster_name=prod,namespace_name=shop,"
                + "nodename=node-1,pod_name=cart-7d9f,resource_id=Volume:data,type=pod value=4096i" + T);
    }

    @Test
    void valueHasTheTypeHeapsterGaveTheMetric() {
        var rollup = rollup(RollupKey.node("prod", "node-1"), List.of(stats("memory/usage", 1000.6),
                stats("network/rx_rate", 12.25), stats("cpu/node_utilization", 0.5), stats("custom/thing", 3)));

        assertThat(lines(schema, rollup)).containsExactly(
                "memory/usage,cluster_name=prod,nodename=node-1,type=node value=1001i" + T,
                "network/rx_rate,cluster_name=prod,nodename=node-1,type=node value=12.25" + T,
                "cpu/node_utilization,cluster_name=prod,nodename=node-1,type=node value=0.5" + T,
                "custom/thing,cluster_name=prod,nodename=node-1,type=node value=3.0" + T);
    }

    @Test
    void everyCatalogueMetricIsAFloatExactlyWhereHeapsterWroteOneAndAnIntegerElsewhere() {
        // Heapster's InfluxDB sink: its float metrics, as the writer listed them before the catalogue held the types
        var heapsterFloats = Set.of("memory/page_faults_rate", "memory/major_page_faults_rate",
                "network/rx_rate", "network/rx_errors_rate", "network/tx_rate", "network/tx_errors_rate",
                "cpu/node_capacity", "cpu/node_allocatable", "cpu/node_reservation", "cpu/node_utilization",
                "memory/node_capacity", "memory/node_allocatable", "memory/node_reservation",
                "memory/node_utilization", "ephemeral_storage/node_capacity", "ephemeral_storage/node_allocatable",
                "ephemeral_storage/node_reservation", "ephemeral_storage/node_utilization");

        for (var metric : MetricCatalogue.all()) {
            assertThat(HeapsterSchema.isInteger(metric.name())).as(metric.name())
                    .isEqualTo(!heapsterFloats.contains(metric.name()));
        }
    }

    @Test
    void metricsWithoutAFiniteAverageAreLeftOut() {
        var nan = new MetricStats("memory/usage", null, 2, Double.NaN, 1, 2, 2);

        assertThat(schema.points(rollup(RollupKey.node("prod", "node-1"), List.of(nan)))).isEmpty();
    }

    @Test
    void labelsAndImageTagsCanBeSwitchedOffForFewerSeries() {
        var lean = new HeapsterSchema("k8s", RETENTION, false, false);
        var rollup = rollup(CONTAINER, List.of(stats("cpu/usage_rate", 250)), LABELS, "shop/cart:1.2");

        assertThat(lines(lean, rollup)).containsExactly("cpu/usage_rate,cluster_name=prod,container_name=app,"
                + "namespace_name=shop,nodename=node-1,pod_name=cart-7d9f,type=pod_container value=250i" + T);
    }

    @Test
    void labelsAreSortedKeyValuePairsJoinedByCommas() {
        assertThat(HeapsterSchema.labels(Map.of("tier", "web", "app", "cart", "a", "z"))).isEqualTo(
                "a:z,app:cart,tier:web");
        assertThat(HeapsterSchema.labels(Map.of())).isEmpty();
    }

    @Test
    void labelsAreSortedByKeyNotByTheWholePairAsHeapsterSortedThem() {
        assertThat(HeapsterSchema.labels(Map.of("app.kubernetes.io/name", "x", "app", "y", "role", "")))
                .isEqualTo("app:y,app.kubernetes.io/name:x,role:");
    }

    @Test
    void nodesCarryTheirNodesLabelsAsHeapsterWroteThem() {
        var rollup = rollup(RollupKey.node("prod", "node-1"), List.of(stats("memory/usage", 10)),
                Map.of("kubernetes.io/arch", "arm64", "node-role.kubernetes.io/control-plane", ""), null);

        assertThat(lines(schema, rollup)).containsExactly("memory/usage,cluster_name=prod,"
                + "labels=kubernetes.io/arch:arm64\\,node-role.kubernetes.io/control-plane:,nodename=node-1,"
                + "type=node value=10i" + T);
    }

    @Test
    void countersAreWrittenAsTheWindowsLastReadingSoThatDerivativeQueriesWork() {
        var usage = new MetricStats("cpu/usage", null, 4, 1.5e12, 1e12, 2e12, 2e12);

        assertThat(lines(schema, rollup(RollupKey.node("prod", "node-1"), List.of(usage))))
                .containsExactly("cpu/usage,cluster_name=prod,nodename=node-1,type=node value=2000000000000i" + T);
    }

    @Test
    void cpuUsageRateIsTruncatedToWholeMillicoresAsHeapsterDidAndOtherIntegersAreRounded() {
        var rollup = rollup(RollupKey.node("prod", "node-1"), List.of(stats("cpu/usage_rate", 677.7),
                stats("memory/usage", 1000.6)));

        assertThat(lines(schema, rollup)).containsExactly(
                "cpu/usage_rate,cluster_name=prod,nodename=node-1,type=node value=677i" + T,
                "memory/usage,cluster_name=prod,nodename=node-1,type=node value=1001i" + T);
    }

    @Test
    void cpuUtilizationIsHeapstersTruncatedRateOverTheAllocatableCpu() {
        var rollup = rollup(RollupKey.node("prod", "node-1"), List.of(stats("cpu/usage_rate", 677.7),
                stats("cpu/node_allocatable", 6000), stats("cpu/node_utilization", 677.7 / 6000)));

        assertThat(lines(schema, rollup)).contains(
                "cpu/node_utilization,cluster_name=prod,nodename=node-1,type=node value=" + (677.0 / 6000) + T);
    }

    @Test
    void theNodesImageFilesystemIsLeftOutAsHeapsterHadNone() {
        var rollup = rollup(RollupKey.node("prod", "node-1"), List.of(resource("filesystem/usage", "/", 10),
                resource("filesystem/usage", "imagefs", 20)));

        assertThat(lines(schema, rollup)).containsExactly(
                "filesystem/usage,cluster_name=prod,nodename=node-1,resource_id=/,type=node value=10i" + T);
    }

    @Test
    void namespacesAndTheClusterHaveOnlyHeapstersSixTotalsAndTheClusterSumsItsPods() {
        var ns = rollup(RollupKey.namespace("prod", "shop"), List.of(stats("cpu/usage_rate", 30),
                stats("memory/working_set", 5), stats("memory/limit", 7)));
        var cluster = rollup(RollupKey.cluster("prod"), List.of(stats("cpu/usage_rate", 40),
                resource("cpu/usage_rate", MetricStats.PODS_TOTAL, 30), resource("memory/rss", "pods", 3),
                resource("filesystem/usage", "/", 9)));

        assertThat(lines(schema, ns)).containsExactly(
                "cpu/usage_rate,cluster_name=prod,namespace_name=shop,type=ns value=30i" + T,
                "memory/limit,cluster_name=prod,namespace_name=shop,type=ns value=7i" + T);
        assertThat(lines(schema, cluster)).containsExactly("cpu/usage_rate,cluster_name=prod,type=cluster value=30i"
                + T);
    }

    @Test
    void finestResolutionGoesToPolicyDefaultAndCoarserOnesToTheirOwn() {
        assertThat(schema.retentionPolicy(Duration.ofMinutes(1))).isEqualTo("default");
        assertThat(schema.retentionPolicy(Duration.ofHours(1))).isEqualTo("rp_1h");
        assertThat(schema.retentionPolicies()).containsExactly(
                new RetentionPolicy("default", Duration.ofDays(7), true),
                new RetentionPolicy("rp_1h", Duration.ofDays(400), false));
        assertThat(schema.database()).isEqualTo("k8s");
    }

    private static List<String> lines(HeapsterSchema schema, Rollup rollup) {
        return schema.points(rollup).stream().map(Point::lineProtocol).toList();
    }
}
