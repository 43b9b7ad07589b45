package io.heapstream.writer.schema;

import static io.heapstream.writer.schema.Rollups.RETENTION;
import static io.heapstream.writer.schema.Rollups.resource;
import static io.heapstream.writer.schema.Rollups.rollup;
import static io.heapstream.writer.schema.Rollups.stats;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.heapstream.model.rollup.MetricStats;
import io.heapstream.model.rollup.Rollup;
import io.heapstream.model.rollup.RollupKey;
import java.time.Duration;
import java.util.List;
import org.influxdb.dto.Point;
import org.junit.jupiter.api.Test;

class NativeSchemaTest {
    private static final String T = " 1714557600000000000";
    private static final String CPU = " cpu_usage_rate_avg=250.0,cpu_usage_rate_count=4i,cpu_usage_rate_last=250.5,"
            + "cpu_usage_rate_max=251.0,cpu_usage_rate_min=249.0";

    private final NativeSchema schema = new NativeSchema("heapstream", RETENTION);

    @Test
    void containerRollupIsOnePointWithEveryStatisticAsAField() {
        var key = RollupKey.container("prod", "shop", "cart-7d9f", "app", "node-1", "Deployment/cart");

        var lines = lines(rollup(key, List.of(stats("cpu/usage_rate", 250), stats("memory/working_set", 1000))));

        assertThat(lines).containsExactly("container,cluster=prod,container=app,namespace=shop,node=node-1,"
                + "pod=cart-7d9f,workload=Deployment/cart" + CPU + ",memory_working_set_avg=1000.0,"
                + "memory_working_set_count=4i,memory_working_set_last=1000.5,memory_working_set_max=1001.0,"
                + "memory_working_set_min=999.0" + T);
    }

    @Test
    void eachLevelIsItsMeasurementWithTheTagsItsKeyHas() {
        var cpu = List.of(stats("cpu/usage_rate", 250));

        assertThat(lines(rollup(RollupKey.pod("prod", "shop", "cart-7d9f", "node-1", null), cpu)))
                .containsExactly("pod,cluster=prod,namespace=shop,node=node-1,pod=cart-7d9f" + CPU + T);
        assertThat(lines(rollup(RollupKey.namespace("prod", "shop"), cpu)))
                .containsExactly("namespace,cluster=prod,namespace=shop" + CPU + T);
        assertThat(lines(rollup(RollupKey.workload("prod", "shop", "StatefulSet/db"), cpu)))
                .containsExactly("workload,cluster=prod,namespace=shop,workload=StatefulSet/db" + CPU + T);
        assertThat(lines(rollup(RollupKey.node("prod", "node-1"), cpu)))
                .containsExactly("node,cluster=prod,node=node-1" + CPU + T);
        assertThat(lines(rollup(RollupKey.sysContainer("prod", "node-1", "kubelet"), cpu)))
                .containsExactly("sys_container,cluster=prod,container=kubelet,node=node-1" + CPU + T);
        assertThat(lines(rollup(RollupKey.cluster("prod"), cpu)))
                .containsExactly("cluster,cluster=prod" + CPU + T);
    }

    @Test
    void fleetHasNoClusterTagBecauseItsClusterIsEmpty() {
        assertThat(lines(rollup(RollupKey.fleet(), List.of(stats("cpu/usage_rate", 250)))))
                .containsExactly("fleet" + CPU + T);
    }

    @Test
    void perResourceMetricsGetOnePointPerResourceIdInTheSameMeasurement() {
        var rollup = rollup(RollupKey.node("prod", "node-1"), List.of(stats("cpu/usage_rate", 250),
                resource("filesystem/usage", "/", 10), resource("filesystem/limit", "/", 100),
                resource("filesystem/usage", "/var/lib/kubelet", 20)));

        assertThat(lines(rollup)).containsExactly(
                "node,cluster=prod,node=node-1" + CPU + T,
                "node,cluster=prod,node=node-1,resource_id=/ filesystem_limit_avg=100.0,filesystem_limit_count=4i,"
                        + "filesystem_limit_last=100.0,filesystem_limit_max=100.0,filesystem_limit_min=100.0,"
                        + "filesystem_usage_avg=10.0,filesystem_usage_count=4i,filesystem_usage_last=10.0,"
                        + "filesystem_usage_max=10.0,filesystem_usage_min=10.0" + T,
                "node,cluster=prod,node=node-1,resource_id=/var/lib/kubelet filesystem_usage_avg=20.0,"
                        + "filesystem_usage_count=4i,filesystem_usage_last=20.0,filesystem_usage_max=20.0,"
                        + "filesystem_usage_min=20.0" + T);
    }

    @Test
    void nanAndInfiniteStatisticsAreLeftOut() {
        var odd = new MetricStats("cpu/usage_rate", null, 3, Double.NaN, 1, Double.POSITIVE_INFINITY, 2);
        var allNan = new MetricStats("memory/usage", null, 3, Double.NaN, Double.NaN, Double.NaN, Double.NaN);

        assertThat(lines(rollup(RollupKey.cluster("prod"), List.of(odd, allNan)))).containsExactly(
                "cluster,cluster=prod cpu_usage_rate_count=3i,cpu_usage_rate_last=2.0,cpu_usage_rate_min=1.0" + T);
    }

    @Test
    void rollupWithNothingWritableGivesNoPoint() {
        var allNan = new MetricStats("memory/usage", null, 3, Double.NaN, Double.NaN, Double.NaN, Double.NaN);

        assertThat(schema.points(rollup(RollupKey.cluster("prod"), List.of(allNan)))).isEmpty();
        assertThat(schema.points(rollup(RollupKey.cluster("prod"), List.of()))).isEmpty();
    }

    @Test
    void tagCharactersThatLineProtocolReservesAreEscaped() {
        var key = RollupKey.namespace("prod eu,west", "a=b");

        assertThat(lines(rollup(key, List.of(stats("cpu/usage_rate", 250)))))
                .containsExactly("namespace,cluster=prod\\ eu\\,west,namespace=a\\=b" + CPU + T);
    }

    @Test
    void eachResolutionHasItsRetentionPolicyAndTheFinestIsTheDefault() {
        assertThat(schema.retentionPolicy(Duration.ofMinutes(1))).isEqualTo("rp_1m");
        assertThat(schema.retentionPolicy(Duration.ofHours(1))).isEqualTo("rp_1h");
        assertThat(schema.retentionPolicies()).containsExactly(
                new RetentionPolicy("rp_1m", Duration.ofDays(7), true),
                new RetentionPolicy("rp_1h", Duration.ofDays(400), false));
        assertThat(schema.database()).isEqualTo("heapstream");
    }

    @Test
    void aResolutionWithoutRetentionIsRefusedByName() {
        assertThatThrownBy(() -> schema.retentionPolicy(Duration.ofMinutes(5)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("5m");
    }

    private List<String> lines(Rollup rollup) {
        return schema.points(rollup).stream().map(Point::lineProtocol).toList();
    }
}
