package io.heapstream.collector.kubelet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.heapstream.model.Json;
import io.heapstream.model.raw.ContainerStats;
import io.heapstream.model.raw.CpuStats;
import io.heapstream.model.raw.FsStats;
import io.heapstream.model.raw.MemoryStats;
import io.heapstream.model.raw.NetworkStats;
import io.heapstream.model.raw.PodStats;
import io.heapstream.testkit.Fixtures;
import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every capture, every pod, every container: the parsed value equals the one in the JSON, read independently
 * through Jackson's tree model; absent (or unsigned values past 2^63-1) stays {@code null}.
 */
class EveryFixtureTest {

    static List<String> summaries() {
        return SummaryFixtures.summaries();
    }

    @ParameterizedTest
    @MethodSource("summaries")
    void parsesToTheValuesItContains(String fixture) throws IOException, ParseError {
        byte[] body = Fixtures.bytes(fixture);
        JsonNode tree = Json.mapper().readTree(body);
        KubeletSummary parsed = SummaryParser.parse(body);

        JsonNode node = tree.get("node");
        assertThat(parsed.node().nodeName()).isEqualTo(node.get("nodeName").asText());
        assertCpu(parsed.node().cpu(), node.get("cpu"));
        assertMemory(parsed.node().memory(), node.get("memory"));
        assertFs(parsed.node().fs(), node.get("fs"));
        assertFs(parsed.node().imageFs(), node.path("runtime").get("imageFs"));
        assertNetwork(parsed.node().network(), node.get("network"));
        assertContainers(parsed.node().systemContainers(), node.get("systemContainers"));

        JsonNode pods = tree.get("pods");
        assertThat(parsed.pods()).hasSize(pods.size());
        for (int i = 0; i < pods.size(); i++) {
            JsonNode expected = pods.get(i);
            PodStats pod = parsed.pods().get(i);
            assertThat(pod.podRef().name()).isEqualTo(expected.at("/podRef/name").asText());
            assertThat(pod.podRef().namespace()).isEqualTo(expected.at("/podRef/namespace").asText());
            assertThat(pod.startTime()).isEqualTo(time(expected.get("startTime")));
            assertCpu(pod.cpu(), expected.get("cpu"));
            assertMemory(pod.memory(), expected.get("memory"));
            assertNetwork(pod.network(), expected.get("network"));
            assertFs(pod.ephemeralStorage(), expected.get("ephemeral-storage"));
            JsonNode volumes = expected.path("volume");
            assertThat(pod.volume()).hasSize(volumes.size());
            for (int v = 0; v < volumes.size(); v++) {
                assertThat(pod.volume().get(v).name()).isEqualTo(volumes.get(v).get("name").asText());
                assertThat(pod.volume().get(v).usedBytes()).isEqualTo(uint64(volumes.get(v).get("usedBytes")));
                assertThat(pod.volume().get(v).inodes()).isEqualTo(uint64(volumes.get(v).get("inodes")));
            }
            assertContainers(pod.containers(), expected.get("containers"));
        }
    }

    private static void assertContainers(List<ContainerStats> parsed, JsonNode expected) {
        Set<String> names = new LinkedHashSet<>();
        if (expected != null) {
            expected.forEach(c -> names.add(c.get("name").asText()));
        }
        assertThat(parsed).extracting(ContainerStats::name).containsExactlyElementsOf(names);
        for (ContainerStats c : parsed) {
            JsonNode e = null;
            for (JsonNode candidate : expected) {
                if (candidate.get("name").asText().equals(c.name())) {
                    e = candidate;
                }
            }
            assertThat(c.startTime()).isEqualTo(time(e.get("startTime")));
            assertCpu(c.cpu(), e.get("cpu"));
            assertMemory(c.memory(), e.get("memory"));
            assertFs(c.rootfs(), e.get("rootfs"));
            assertFs(c.logs(), e.get("logs"));
        }
    }

    private static void assertCpu(CpuStats cpu, JsonNode e) {
        if (absent(e)) {
            assertThat(cpu).isNull();
            return;
        }
        assertThat(cpu.time()).isEqualTo(time(e.get("time")));
        assertThat(cpu.usageNanoCores()).isEqualTo(uint64(e.get("usageNanoCores")));
        assertThat(cpu.usageCoreNanoSeconds()).isEqualTo(uint64(e.get("usageCoreNanoSeconds")));
    }

    private static void assertMemory(MemoryStats m, JsonNode e) {
        if (absent(e)) {
            assertThat(m).isNull();
            return;
        }
        assertThat(m.time()).isEqualTo(time(e.get("time")));
        assertThat(m.availableBytes()).isEqualTo(uint64(e.get("availableBytes")));
        assertThat(m.usageBytes()).isEqualTo(uint64(e.get("usageBytes")));
        assertThat(m.workingSetBytes()).isEqualTo(uint64(e.get("workingSetBytes")));
        assertThat(m.rssBytes()).isEqualTo(uint64(e.get("rssBytes")));
        assertThat(m.pageFaults()).isEqualTo(uint64(e.get("pageFaults")));
        assertThat(m.majorPageFaults()).isEqualTo(uint64(e.get("majorPageFaults")));
    }

    private static void assertFs(FsStats fs, JsonNode e) {
        if (absent(e)) {
            assertThat(fs).isNull();
            return;
        }
        assertThat(fs.time()).isEqualTo(time(e.get("time")));
        assertThat(fs.availableBytes()).isEqualTo(uint64(e.get("availableBytes")));
        assertThat(fs.capacityBytes()).isEqualTo(uint64(e.get("capacityBytes")));
        assertThat(fs.usedBytes()).isEqualTo(uint64(e.get("usedBytes")));
        assertThat(fs.inodesFree()).isEqualTo(uint64(e.get("inodesFree")));
        assertThat(fs.inodes()).isEqualTo(uint64(e.get("inodes")));
        assertThat(fs.inodesUsed()).isEqualTo(uint64(e.get("inodesUsed")));
    }

    private static void assertNetwork(NetworkStats n, JsonNode e) {
        if (absent(e)) {
            assertThat(n).isNull();
            return;
        }
        assertThat(n.time()).isEqualTo(time(e.get("time")));
        assertThat(n.name()).isEqualTo(e.hasNonNull("name") ? e.get("name").asText() : null);
        assertThat(n.rxBytes()).isEqualTo(uint64(e.get("rxBytes")));
        assertThat(n.txBytes()).isEqualTo(uint64(e.get("txBytes")));
        assertThat(n.rxErrors()).isEqualTo(uint64(e.get("rxErrors")));
        assertThat(n.txErrors()).isEqualTo(uint64(e.get("txErrors")));
        JsonNode interfaces = e.path("interfaces");
        assertThat(n.interfaces()).hasSize(interfaces.size());
        for (int i = 0; i < interfaces.size(); i++) {
            assertThat(n.interfaces().get(i).name()).isEqualTo(interfaces.get(i).get("name").asText());
            assertThat(n.interfaces().get(i).rxBytes()).isEqualTo(uint64(interfaces.get(i).get("rxBytes")));
            assertThat(n.interfaces().get(i).txErrors()).isEqualTo(uint64(interfaces.get(i).get("txErrors")));
        }
    }

    private static boolean absent(JsonNode e) {
        return e == null || e.isNull();
    }

    private static Long uint64(JsonNode e) {
        if (absent(e) || !e.canConvertToLong()) {
            return null;
        }
        return e.asLong();
    }

    private static Instant time(JsonNode e) {
        return absent(e) ? null : Instant.parse(e.asText());
    }
}
