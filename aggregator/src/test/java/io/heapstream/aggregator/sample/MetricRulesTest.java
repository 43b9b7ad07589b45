package io.heapstream.aggregator.sample;

import static org.assertj.core.api.Assertions.assertThat;

import io.heapstream.model.MetricCatalogue;
import java.util.List;
import org.junit.jupiter.api.Test;

class MetricRulesTest {
    // What each level summed when the aggregator listed the names itself (Heapster's sums, docs/rollup-semantics.md)
    private static final List<String> CONTAINER_TO_POD = List.of("cpu/usage_rate", "memory/usage",
            "memory/working_set", "memory/rss", "memory/page_faults_rate", "memory/major_page_faults_rate",
            "cpu/request", "cpu/limit", "memory/request", "memory/limit", "restart_count", "ephemeral_storage/usage",
            "ephemeral_storage/request", "ephemeral_storage/limit");
    private static final List<String> POD_TO_TOTAL = List.of("cpu/usage_rate", "memory/usage", "memory/working_set",
            "memory/rss", "memory/page_faults_rate", "memory/major_page_faults_rate", "network/rx_rate",
            "network/tx_rate", "network/rx_errors_rate", "network/tx_errors_rate", "cpu/request", "cpu/limit",
            "memory/request", "memory/limit", "restart_count", "ephemeral_storage/usage");
    private static final List<String> POD_TO_NODE = List.of("cpu/request", "cpu/limit", "memory/request",
            "memory/limit", "ephemeral_storage/request", "ephemeral_storage/limit");
    private static final List<String> NODE_TO_TOTAL = List.of("cpu/usage_rate", "memory/usage",
            "memory/working_set", "memory/rss", "memory/page_faults_rate", "memory/major_page_faults_rate",
            "network/rx_rate", "network/tx_rate", "network/rx_errors_rate", "network/tx_errors_rate", "cpu/request",
            "cpu/limit", "memory/request", "memory/limit", "cpu/node_capacity", "cpu/node_allocatable",
            "memory/node_capacity", "memory/node_allocatable");

    @Test
    void eachLevelSumsExactlyTheCatalogueNamesItSummedBefore() {
        for (var metric : MetricCatalogue.all()) {
            String name = metric.name();
            assertThat(MetricRules.CONTAINER_TO_POD.contains(name)).as(name).isEqualTo(CONTAINER_TO_POD.contains(name));
            assertThat(MetricRules.POD_TO_TOTAL.contains(name)).as(name).isEqualTo(POD_TO_TOTAL.contains(name));
            assertThat(MetricRules.POD_TO_NODE.contains(name)).as(name).isEqualTo(POD_TO_NODE.contains(name));
            assertThat(MetricRules.NODE_TO_TOTAL.contains(name)).as(name).isEqualTo(NODE_TO_TOTAL.contains(name));
        }
    }

    @Test
    void anEqualIdThatIsNotTheCatalogueInstanceIsSummedToo() {
        assertThat(MetricRules.CONTAINER_TO_POD.contains(new String("memory/usage".toCharArray()))).isTrue();
        assertThat(MetricRules.POD_TO_NODE.contains(new String("memory/usage".toCharArray()))).isFalse();
    }

    @Test
    void nodeTotalsTakeTheListedNamesAndPerDeviceFilesystemSizes() {
        assertThat(MetricRules.NODE_TO_TOTAL.contains(Names.CPU_USAGE_RATE)).isTrue();
        assertThat(MetricRules.NODE_TO_TOTAL.contains(new String(Names.MEMORY_NODE_ALLOCATABLE.toCharArray())))
                .isTrue();
        assertThat(MetricRules.NODE_TO_TOTAL.contains(MetricValues.id(Names.FS_USAGE, "/dev/sda1"))).isTrue();
        assertThat(MetricRules.NODE_TO_TOTAL.contains(MetricValues.id(Names.FS_LIMIT, "/dev/sda1"))).isTrue();
        assertThat(MetricRules.NODE_TO_TOTAL.contains(MetricValues.id(Names.FS_AVAILABLE, ""))).isTrue();
    }

    @Test
    void nodeTotalsLeaveOutOtherNamesAndNamesThatOnlyStartLikeAFilesystemOne() {
        var totals = MetricRules.NODE_TO_TOTAL;
        assertThat(totals.contains(Names.UPTIME)).isFalse();
        assertThat(totals.contains(Names.FS_USAGE)).isFalse();   // the per-device ones only
        assertThat(totals.contains(MetricValues.id(Names.FS_INODES, "/dev/sda1"))).isFalse();
        assertThat(totals.contains(MetricValues.id(Names.FS_USAGE + "x", "/dev/sda1"))).isFalse();
        assertThat(totals.contains(MetricValues.id(Names.CPU_USAGE_RATE, "gpu-0"))).isFalse();
        assertThat(totals.contains(MetricValues.id("filesystem/usag", "e"))).isFalse();
        assertThat(MetricRules.POD_TO_TOTAL.contains(MetricValues.id(Names.FS_USAGE, "/dev/sda1"))).isFalse();
    }

    @Test
    void ratiosAreHeapstersReservationAndUtilizationOfTheAllocatable() {
        var v = new MetricValues();
        v.put(Names.CPU_REQUEST, 500);
        v.put(Names.CPU_USAGE_RATE, 250);
        v.put(MetricCatalogue.CPU_NODE_ALLOCATABLE.name(), 1000);
        v.put(MetricCatalogue.MEMORY_USAGE.name(), 3);
        v.put(Names.MEMORY_NODE_ALLOCATABLE, 0);   // no ratio of a zero allocatable

        MetricRules.deriveRatios(v);

        assertThat(v.get("cpu/node_reservation")).isEqualTo(0.5);
        assertThat(v.get("cpu/node_utilization")).isEqualTo(0.25);
        assertThat(v.has("memory/node_reservation")).isFalse();
        assertThat(v.has("memory/node_utilization")).isFalse();
        assertThat(v.id(v.size() - 1)).isSameAs(MetricCatalogue.CPU_NODE_UTILIZATION.name());
    }
}
