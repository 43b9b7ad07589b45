package io.heapstream.aggregator.sample;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NamesTest {
    @Test
    void nodeTotalsTakeTheListedNamesAndPerDeviceFilesystemSizes() {
        assertThat(Names.nodeToTotal(Names.CPU_USAGE_RATE)).isTrue();
        assertThat(Names.nodeToTotal(new String(Names.MEMORY_NODE_ALLOCATABLE.toCharArray()))).isTrue();
        assertThat(Names.nodeToTotal(MetricValues.id(Names.FS_USAGE, "/dev/sda1"))).isTrue();
        assertThat(Names.nodeToTotal(MetricValues.id(Names.FS_LIMIT, "/dev/sda1"))).isTrue();
        assertThat(Names.nodeToTotal(MetricValues.id(Names.FS_AVAILABLE, ""))).isTrue();
    }

    @Test
    void nodeTotalsLeaveOutOtherNamesAndNamesThatOnlyStartLikeAFilesystemOne() {
        assertThat(Names.nodeToTotal(Names.UPTIME)).isFalse();
        assertThat(Names.nodeToTotal(Names.FS_USAGE)).isFalse();   // the per-device ones only
        assertThat(Names.nodeToTotal(MetricValues.id(Names.FS_INODES, "/dev/sda1"))).isFalse();
        assertThat(Names.nodeToTotal(MetricValues.id(Names.FS_USAGE + "x", "/dev/sda1"))).isFalse();
        assertThat(Names.nodeToTotal(MetricValues.id(Names.CPU_USAGE_RATE, "gpu-0"))).isFalse();
        assertThat(Names.nodeToTotal(MetricValues.id("filesystem/usag", "e"))).isFalse();
    }
}
