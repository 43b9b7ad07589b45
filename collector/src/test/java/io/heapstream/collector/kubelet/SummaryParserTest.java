package io.heapstream.collector.kubelet;

import static org.assertj.core.api.Assertions.assertThat;

import io.heapstream.model.raw.ContainerStats;
import io.heapstream.model.raw.PodStats;
import io.heapstream.testkit.Fixtures;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Concrete values of real captures, field by field. */
class SummaryParserTest {

    private static KubeletSummary parse(String fixture) throws ParseError {
        return SummaryParser.parse(Fixtures.bytes(fixture));
    }

    private static PodStats pod(KubeletSummary s, String name) {
        return s.pods().stream().filter(p -> p.podRef().name().equals(name)).findFirst().orElseThrow();
    }

    private static ContainerStats container(PodStats p, String name) {
        return p.containers().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void linuxNodeStatsKeepEveryReportedValue() throws ParseError {
        var node = parse("nri-kubernetes/k8s-1_31/stats-summary.json").node();

        assertThat(node.nodeName()).isEqualTo("datagen-1-31");
        assertThat(node.startTime()).isEqualTo(Instant.parse("2025-11-01T18:01:16Z"));
        assertThat(node.cpu().time()).isEqualTo(Instant.parse("2025-11-04T19:15:30Z"));
        assertThat(node.cpu().usageNanoCores()).isEqualTo(501_884_788L);
        assertThat(node.cpu().usageCoreNanoSeconds()).isEqualTo(76_877_443_000L);
        assertThat(node.memory().availableBytes()).isEqualTo(15_590_912_000L);
        assertThat(node.memory().usageBytes()).isEqualTo(2_633_809_920L);
        assertThat(node.memory().workingSetBytes()).isEqualTo(894_312_448L);
        assertThat(node.memory().rssBytes()).isEqualTo(668_246_016L);
        assertThat(node.memory().pageFaults()).isEqualTo(790_394L);
        assertThat(node.memory().majorPageFaults()).isEqualTo(26L);
        assertThat(node.network().name()).isEqualTo("eth0");
        assertThat(node.network().rxBytes()).isEqualTo(586_088_171L);
        assertThat(node.network().txBytes()).isEqualTo(6_279_534L);
        assertThat(node.network().rxErrors()).isZero();
        assertThat(node.network().interfaces()).hasSize(10);
        assertThat(node.network().interfaces().get(9).name()).isEqualTo("eth0");
        assertThat(node.fs().capacityBytes()).isEqualTo(1_081_100_128_256L);
        assertThat(node.fs().usedBytes()).isEqualTo(35_415_257_088L);
        assertThat(node.fs().inodesFree()).isEqualTo(66_789_074L);
        assertThat(node.fs().inodesUsed()).isEqualTo(319_790L);
        assertThat(node.imageFs().capacityBytes()).isEqualTo(1_081_100_128_256L);
        assertThat(node.systemContainers()).extracting(ContainerStats::name).containsExactly("pods", "kubelet");
        assertThat(node.systemContainers().get(1).cpu().usageNanoCores()).isEqualTo(20_059_657L);
        assertThat(node.systemContainers().get(1).memory().availableBytes()).isNull();
        assertThat(node.meta()).isNull();
    }

    @Test
    void linuxPodKeepsContainersNetworkVolumesAndEphemeralStorage() throws ParseError {
        var s = parse("nri-kubernetes/k8s-1_31/stats-summary.json");
        var kindnet = pod(s, "kindnet-gmqkj");

        assertThat(s.pods()).hasSize(17);
        assertThat(kindnet.podRef().namespace()).isEqualTo("kube-system");
        assertThat(kindnet.podRef().uid()).isEqualTo("11d454af-149d-40a5-9529-be58b54181ca");
        assertThat(kindnet.startTime()).isEqualTo(Instant.parse("2025-11-04T19:13:54Z"));
        var cni = container(kindnet, "kindnet-cni");
        assertThat(cni.startTime()).isEqualTo(Instant.parse("2025-11-04T19:13:56Z"));
        assertThat(cni.cpu().usageNanoCores()).isEqualTo(262_203L);
        assertThat(cni.cpu().usageCoreNanoSeconds()).isEqualTo(147_239_000L);
        assertThat(cni.memory().availableBytes()).isEqualTo(38_682_624L);
        assertThat(cni.memory().workingSetBytes()).isEqualTo(13_746_176L);
        assertThat(cni.memory().rssBytes()).isEqualTo(13_033_472L);
        assertThat(cni.memory().pageFaults()).isEqualTo(4_854L);
        assertThat(cni.memory().majorPageFaults()).isZero();
        assertThat(cni.rootfs().usedBytes()).isEqualTo(65_536L);
        assertThat(cni.rootfs().inodesUsed()).isEqualTo(24L);
        assertThat(cni.logs().usedBytes()).isEqualTo(4_096L);
        assertThat(cni.logs().time()).isEqualTo(Instant.parse("2025-11-04T19:15:33Z"));
        assertThat(cni.accelerators()).isEmpty();
        assertThat(kindnet.cpu().usageCoreNanoSeconds()).isEqualTo(161_718_000L);
        assertThat(kindnet.memory().workingSetBytes()).isEqualTo(13_991_936L);
        assertThat(kindnet.network().time()).isEqualTo(Instant.parse("2025-11-04T19:15:25Z"));
        assertThat(kindnet.network().rxBytes()).isEqualTo(586_088_171L);
        assertThat(kindnet.volume()).singleElement().satisfies(v -> {
            assertThat(v.name()).isEqualTo("kube-api-access-8g297");
            assertThat(v.usedBytes()).isEqualTo(12_288L);
            assertThat(v.capacityBytes()).isEqualTo(52_428_800L);
            assertThat(v.inodesFree()).isEqualTo(2_012_347L);
            assertThat(v.pvcName()).isNull();
        });
        assertThat(kindnet.ephemeralStorage().usedBytes()).isEqualTo(73_728L);
        assertThat(kindnet.ephemeralStorage().inodesUsed()).isEqualTo(26L);
        assertThat(kindnet.meta()).isNull();
    }

    @Test
    void windowsNodeLeavesWhatItDoesNotReportAbsent() throws ParseError {
        var s = parse("datadog-integrations-core/windows-eks/stats-summary.json");

        assertThat(s.node().nodeName()).isEqualTo("ip-172-29-160-189.ec2.internal");
        assertThat(s.node().network().name()).isEmpty();
        assertThat(s.node().network().rxBytes()).isNull();
        assertThat(s.node().network().interfaces()).hasSize(10);
        assertThat(s.node().systemContainers()).extracting(ContainerStats::name).containsExactly("pods");
        assertThat(s.node().systemContainers().get(0).memory().workingSetBytes()).isEqualTo(401_727_488L);
        assertThat(s.node().systemContainers().get(0).memory().rssBytes()).isNull();
        var agent = s.pods().stream().flatMap(p -> p.containers().stream())
                .filter(c -> c.name().equals("process-agent")).findFirst().orElseThrow();
        assertThat(agent.cpu().usageNanoCores()).isNull();
        assertThat(agent.cpu().usageCoreNanoSeconds()).isEqualTo(9_359_375_000L);
        assertThat(agent.memory().workingSetBytes()).isEqualTo(65_474_560L);
        assertThat(agent.memory().usageBytes()).isNull();
        assertThat(agent.memory().rssBytes()).isNull();
        assertThat(agent.memory().pageFaults()).isNull();
        assertThat(agent.memory().majorPageFaults()).isNull();
        assertThat(agent.rootfs().usedBytes()).isZero();
        assertThat(agent.rootfs().inodesFree()).isNull();
        assertThat(agent.logs().inodesUsed()).isZero();
    }

    @Test
    void windowsPodNetworkWithoutErrorCountersKeepsThemAbsent() throws ParseError {
        var s = parse("datadog-integrations-core/windows-eks/stats-summary.json");
        var network = s.pods().get(0).network();

        assertThat(network.name()).startsWith("cid-41dfe66c");
        assertThat(network.rxBytes()).isEqualTo(694_636L);
        assertThat(network.txBytes()).isEqualTo(163_670L);
        assertThat(network.rxErrors()).isNull();
        assertThat(network.interfaces()).singleElement().satisfies(i -> assertThat(i.txErrors()).isNull());
    }

    @Test
    void consecutiveWindowsScrapesShowTheCounterAdvancing() throws ParseError {
        var first = parse("otel-collector-contrib/windows-eks-pair/stats-summary-first.json");
        var later = parse("otel-collector-contrib/windows-eks-pair/stats-summary-60s-later.json");

        var before = first.pods().get(0).containers().get(0).cpu();
        var after = later.pods().get(0).containers().get(0).cpu();
        assertThat(before.usageCoreNanoSeconds()).isEqualTo(289_625_000_000L);
        assertThat(after.usageCoreNanoSeconds()).isEqualTo(289_812_500_000L);
        assertThat(after.time()).isEqualTo(Instant.parse("2023-12-21T15:20:59Z"));
        assertThat(first.node().systemContainers().get(0).cpu().usageNanoCores()).isNull();
        assertThat(first.node().systemContainers().get(0).cpu().usageCoreNanoSeconds()).isEqualTo(312_859_375_000L);
        assertThat(first.node().cpu().usageCoreNanoSeconds()).isEqualTo(38_907_680_000_000L);
        assertThat(first.node().fs().inodesFree()).isNull();
        assertThat(first.node().imageFs().inodesUsed()).isZero();
    }

    @Test
    void unsignedMaximumInodesFreeIsAbsentAndCounted() throws ParseError {
        var s = parse("elastic-beats/gke-derived/stats-summary-multiple-containers.json");

        assertThat(s.node().fs().inodesFree()).isNull();
        assertThat(s.node().fs().inodes()).isEqualTo(6_258_720L);
        assertThat(s.node().fs().availableBytes()).isEqualTo(98_727_014_400L);
        assertThat(s.node().fs().time()).isNull();
        assertThat(s.node().imageFs().inodesFree()).isNull();
        assertThat(s.node().imageFs().usedBytes()).isEqualTo(860_204_379L);
        assertThat(s.outOfRangeValues()).isEqualTo(2);
        assertThat(s.node().cpu().usageCoreNanoSeconds()).isEqualTo(4_189_523_881_380L);
    }

    @Test
    void podWithoutPodLevelCpuOrMemoryKeepsThemAbsent() throws ParseError {
        var s = parse("elastic-beats/gke-derived/stats-summary-multiple-containers.json");
        var nginx = pod(s, "nginx-deployment-2303442956-pcqfc");

        assertThat(nginx.cpu()).isNull();
        assertThat(nginx.memory()).isNull();
        assertThat(nginx.containers()).extracting(ContainerStats::name).containsExactly("nginx", "sidecar");
        assertThat(container(nginx, "sidecar").rootfs().time()).isNull();
        assertThat(container(nginx, "nginx").memory().rssBytes()).isEqualTo(1_409_024L);
        assertThat(nginx.network().rxBytes()).isEqualTo(107_056L);
        assertThat(nginx.network().name()).isNull();
    }

    @Test
    void olderDockerKubeletParses() throws ParseError {
        var s = parse("nri-kubernetes/minikube-older/stats-summary.json");
        var ksm = pod(s, "kube-state-metrics-57f4659995-6n2qq");

        assertThat(s.node().nodeName()).isEqualTo("minikube");
        assertThat(s.pods()).hasSize(8);
        assertThat(s.node().systemContainers()).extracting(ContainerStats::name).containsExactly("kubelet", "runtime");
        assertThat(container(ksm, "kube-state-metrics").cpu().usageCoreNanoSeconds()).isEqualTo(44_403_435_220L);
        assertThat(container(ksm, "addon-resizer").memory().majorPageFaults()).isEqualTo(2L);
        assertThat(container(ksm, "kube-state-metrics").logs().inodesUsed()).isEqualTo(18_724L);
    }
}
