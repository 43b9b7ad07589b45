package io.heapstream.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.heapstream.model.Json;
import io.heapstream.model.raw.ContainerStats;
import io.heapstream.model.raw.CpuStats;
import io.heapstream.model.raw.FsStats;
import io.heapstream.model.raw.MemoryStats;
import io.heapstream.model.raw.NetworkStats;
import io.heapstream.model.raw.PodStats;
import io.heapstream.model.raw.VolumeStats;
import io.heapstream.testkit.Fixtures;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class SummaryJsonTest {
    static final ObjectMapper JSON = Json.mapper();
    static final Instant START = Instant.parse("2025-11-04T19:15:00Z");

    final Fleet fleet = new Fleet(FleetSpec.of(1, 2, 12, 2), START);
    final Instant slot = START.plusSeconds(30);

    @Test
    void podsParseWithTheModelMapperIntoTheSameRecordsTheProducerWrites() throws Exception {
        var json = JSON.readTree(fleet.summaryJson("cluster-1", "node-0002", slot));
        var scrape = fleet.scrape("cluster-1", "node-0002", slot);
        var parsed = new ArrayList<PodStats>();
        for (var pod : json.get("pods")) {
            parsed.add(JSON.treeToValue(pod, PodStats.class));
        }
        var expected = scrape.pods().stream().map(p -> new PodStats(p.podRef(), p.startTime(), p.containers(),
                p.cpu(), p.memory(), p.network(), withoutPvcNames(p.volume()), p.ephemeralStorage(), null)).toList();
        assertThat(parsed).isEqualTo(expected);
    }

    @Test
    void nodeStatsParseWithTheModelMapperIntoTheSameRecords() throws Exception {
        var node = JSON.readTree(fleet.summaryJson("cluster-1", "node-0001", slot)).get("node");
        var expected = fleet.scrape("cluster-1", "node-0001", slot).nodeStats();
        assertThat(node.get("nodeName").asText()).isEqualTo("node-0001");
        assertThat(JSON.treeToValue(node.get("startTime"), Instant.class)).isEqualTo(expected.startTime());
        assertThat(JSON.treeToValue(node.get("cpu"), CpuStats.class)).isEqualTo(expected.cpu());
        assertThat(JSON.treeToValue(node.get("memory"), MemoryStats.class)).isEqualTo(expected.memory());
        assertThat(JSON.treeToValue(node.get("network"), NetworkStats.class)).isEqualTo(expected.network());
        assertThat(JSON.treeToValue(node.get("fs"), FsStats.class)).isEqualTo(expected.fs());
        assertThat(JSON.treeToValue(node.get("runtime").get("imageFs"), FsStats.class)).isEqualTo(expected.imageFs());
        var system = new ArrayList<ContainerStats>();
        for (var c : node.get("systemContainers")) {
            system.add(JSON.treeToValue(c, ContainerStats.class));
        }
        assertThat(system).isEqualTo(expected.systemContainers());
    }

    @Test
    void aSeedAlwaysGivesTheSameNumbers() throws Exception {
        // Pinned on purpose: benchmarks and bug reports rely on a seed meaning the same fleet in every version.
        // A deliberate change to the simulation updates these values in the same commit.
        var fleet = new Fleet(FleetSpec.of(1, 1, 5, 1), START);
        var json = JSON.readTree(fleet.summaryJson("cluster-1", "node-0001", START.plusSeconds(15)));
        var node = json.get("node");
        assertThat(node.get("cpu").get("time").asText()).isEqualTo("2025-11-04T19:15:08Z");
        assertThat(node.get("cpu").get("usageNanoCores").asLong()).isEqualTo(PINNED_NODE_NANOCORES);
        assertThat(node.get("memory").get("workingSetBytes").asLong()).isEqualTo(PINNED_NODE_WORKING_SET);
        var pods = new ArrayList<String>();
        json.get("pods").forEach(p -> pods.add(p.get("podRef").get("namespace").asText() + "/"
                + p.get("podRef").get("name").asText()));
        assertThat(pods).containsExactly(PINNED_PODS);
        var first = json.get("pods").get(0).get("containers").get(0);
        assertThat(first.get("cpu").get("usageCoreNanoSeconds").asLong()).isEqualTo(PINNED_CONTAINER_CPU);
    }

    static final long PINNED_NODE_NANOCORES = 215_203_048L;
    static final long PINNED_NODE_WORKING_SET = 812_034_509L;
    static final String[] PINNED_PODS = {"kube-system/kube-proxy-2fnwm", "monitoring/node-exporter-9lvk2",
        "kube-system/coredns-hhpck2rchd-jbkxz", "shop/payments-consumer-hd2q6xtqbd-4w2n5", "data/kafka-0"};
    static final long PINNED_CONTAINER_CPU = 225_802_116_217L;

    @Test
    void hasEveryFieldOfARealKubelet131Response() throws Exception {
        var real = JSON.readTree(Fixtures.string("nri-kubernetes/k8s-1_31/stats-summary.json"));
        var simulated = JSON.readTree(fleet.summaryJson("cluster-1", "node-0001", slot));
        assertThat(fields(simulated.get("node"))).isEqualTo(fields(real.get("node")));
        var realPod = real.get("pods").get(3);
        var simulatedPod = simulated.get("pods").get(3);
        assertThat(fields(simulatedPod)).isEqualTo(fields(realPod));
        assertThat(fields(simulatedPod.get("containers").get(0))).isEqualTo(fields(realPod.get("containers").get(0)));
        assertThat(fields(simulatedPod.get("network"))).isEqualTo(fields(realPod.get("network")));
        assertThat(fields(simulatedPod.get("volume").get(0))).isEqualTo(fields(realPod.get("volume").get(0)));
        assertThat(fields(simulated.get("node").get("systemContainers").get(1)))
                .isEqualTo(fields(real.get("node").get("systemContainers").get(1)));
    }

    @Test
    void timesAreRfc3339WithWholeSeconds() throws Exception {
        var json = fleet.summaryJson("cluster-1", "node-0001", slot) + fleet.podsJson("cluster-1", "node-0001", slot);
        var times = Pattern.compile("\"(time|startTime|startedAt|creationTimestamp)\":\"([^\"]*)\"").matcher(json);
        int count = 0;
        while (times.find()) {
            assertThat(times.group(2)).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
            count++;
        }
        assertThat(count).isGreaterThan(100);
    }

    @Test
    void statefulSetVolumesCarryTheirClaim() throws Exception {
        var fleet = new Fleet(FleetSpec.of(1, 6, 20, 1), START);
        var claims = new ArrayList<JsonNode>();
        for (var ref : fleet.nodeRefs()) {
            for (var pod : JSON.readTree(fleet.summaryJson(ref.cluster(), ref.node(), START)).get("pods")) {
                for (var v : pod.get("volume")) {
                    if (v.has("pvcRef")) {
                        assertThat(v.get("pvcRef").get("name").asText())
                                .isEqualTo("data-" + pod.get("podRef").get("name").asText());
                        assertThat(v.get("pvcRef").get("namespace")).isEqualTo(pod.get("podRef").get("namespace"));
                        claims.add(v);
                    }
                }
            }
        }
        assertThat(claims).isNotEmpty();
    }

    private static List<VolumeStats> withoutPvcNames(List<VolumeStats> volumes) {
        return volumes.stream().map(v -> new VolumeStats(v.name(), null, v.time(), v.availableBytes(),
                v.capacityBytes(), v.usedBytes(), v.inodesFree(), v.inodes(), v.inodesUsed())).toList();
    }

    private static TreeSet<String> fields(JsonNode node) {
        var names = new TreeSet<String>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }
}
