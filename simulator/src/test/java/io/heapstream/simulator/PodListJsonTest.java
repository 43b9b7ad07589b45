package io.heapstream.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import io.heapstream.model.Json;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PodListJsonTest {
    static final Instant START = Instant.parse("2025-11-04T19:15:00Z");

    final Fleet fleet = new Fleet(FleetSpec.of(1, 8, 25, 2), START);

    @Test
    void everyControlledPodNamesItsOwnerAsTheKubeletReportsIt() throws Exception {
        var kinds = new HashSet<String>();
        for (var ref : fleet.nodeRefs()) {
            var list = Json.mapper().readTree(fleet.podsJson(ref.cluster(), ref.node(), START));
            assertThat(list.get("kind").asText()).isEqualTo("PodList");
            for (var pod : list.get("items")) {
                var metadata = pod.get("metadata");
                var owners = metadata.get("ownerReferences");
                if (owners == null) {
                    assertThat(metadata.get("namespace").asText()).isIn("default", "sandbox");
                    continue;
                }
                var owner = owners.get(0);
                kinds.add(owner.get("kind").asText());
                assertThat(owner.get("controller").asBoolean()).isTrue();
                assertThat(owner.get("uid").asText()).matches("[0-9a-f-]{36}");
                if (owner.get("kind").asText().equals("ReplicaSet")) {
                    var hash = metadata.get("labels").get("pod-template-hash").asText();
                    assertThat(owner.get("name").asText()).endsWith("-" + hash);
                    assertThat(metadata.get("name").asText()).startsWith(owner.get("name").asText() + "-");
                    assertThat(owner.get("apiVersion").asText()).isEqualTo("apps/v1");
                }
                if (owner.get("kind").asText().equals("Job")) {
                    assertThat(metadata.get("labels").get("job-name").asText()).isEqualTo(owner.get("name").asText());
                    assertThat(owner.get("apiVersion").asText()).isEqualTo("batch/v1");
                }
            }
        }
        assertThat(kinds).containsExactlyInAnyOrder("ReplicaSet", "StatefulSet", "DaemonSet", "Job");
    }

    @Test
    void resourcesQosRestartsAndImagesMatchTheRawRecordsMeta() throws Exception {
        var ref = fleet.nodeRefs().get(0);
        var scrape = fleet.scrape(ref.cluster(), ref.node(), START);
        var items = Json.mapper().readTree(fleet.podsJson(ref.cluster(), ref.node(), START)).get("items");
        Map<String, JsonNode> byName = new HashMap<>();
        items.forEach(p -> byName.put(p.get("metadata").get("name").asText(), p));
        assertThat(byName).hasSize(scrape.pods().size());
        for (var stats : scrape.pods()) {
            var pod = byName.get(stats.podRef().name());
            var meta = stats.meta();
            assertThat(pod.get("metadata").get("uid").asText()).isEqualTo(stats.podRef().uid());
            assertThat(pod.get("status").get("qosClass").asText()).isEqualTo(meta.qosClass());
            Map<String, String> labels = Json.mapper().convertValue(pod.get("metadata").get("labels"),
                    new TypeReference<Map<String, String>>() { });
            assertThat(labels).containsAllEntriesOf(meta.labels());
            labels.keySet().removeAll(meta.labels().keySet());
            assertThat(labels.keySet()).isSubsetOf("pod-template-hash", "controller-revision-hash");
            for (var c : pod.get("spec").get("containers")) {
                var expected = meta.containers().get(c.get("name").asText());
                assertThat(c.get("image").asText()).isEqualTo(expected.image());
                var requests = c.get("resources").get("requests");
                if (expected.cpuRequestMillicores() == null) {
                    assertThat(requests == null || !requests.has("cpu")).isTrue();
                } else {
                    assertThat(millicores(requests.get("cpu").asText())).isEqualTo(expected.cpuRequestMillicores());
                }
                if (expected.memoryLimitBytes() != null) {
                    assertThat(bytes(c.get("resources").get("limits").get("memory").asText()))
                            .isEqualTo(expected.memoryLimitBytes());
                }
            }
            for (var status : pod.get("status").get("containerStatuses")) {
                var expected = meta.containers().get(status.get("name").asText());
                assertThat(status.get("restartCount").asInt()).isEqualTo(expected.restartCount());
                var terminated = status.get("lastState").get("terminated");
                if (expected.restartCount() > 0) {
                    assertThat(terminated.get("reason").asText()).isIn("Error", "OOMKilled");
                    assertThat(terminated.get("finishedAt").asText())
                            .isLessThan(status.get("state").get("running").get("startedAt").asText());
                } else {
                    assertThat(terminated).isNull();
                }
                assertThat(status.get("image").asText()).endsWith(expected.image().substring(
                        expected.image().lastIndexOf('/') + 1));
                assertThat(status.get("containerID").asText()).matches("containerd://[0-9a-f]{64}");
            }
        }
    }

    @Test
    void theNodeObjectCarriesCapacityAllocatableAndLabels() throws Exception {
        var node = Json.mapper().readTree(fleet.nodeJson("cluster-1", "node-0002"));
        var meta = fleet.scrape("cluster-1", "node-0002", START).nodeStats().meta();
        assertThat(node.get("kind").asText()).isEqualTo("Node");
        assertThat(millicores(node.get("status").get("capacity").get("cpu").asText()))
                .isEqualTo(meta.cpuCapacityMillicores());
        assertThat(millicores(node.get("status").get("allocatable").get("cpu").asText()))
                .isEqualTo(meta.cpuAllocatableMillicores());
        assertThat(bytes(node.get("status").get("allocatable").get("memory").asText()))
                .isEqualTo(meta.memoryAllocatableBytes() / 1024 * 1024);
        assertThat(node.get("metadata").get("labels").get("kubernetes.io/hostname").asText()).isEqualTo("node-0002");
    }

    @Test
    void imagesAreQualifiedAsContainerdReportsThem() {
        assertThat(KubeObjectJsonWriter.qualified("redis:7.4.1")).isEqualTo("docker.io/library/redis:7.4.1");
        assertThat(KubeObjectJsonWriter.qualified("fluent/fluent-bit:3.1.9"))
                .isEqualTo("docker.io/fluent/fluent-bit:3.1.9");
        assertThat(KubeObjectJsonWriter.qualified("registry.k8s.io/kube-proxy:v1.31.0"))
                .isEqualTo("registry.k8s.io/kube-proxy:v1.31.0");
    }

    private static long millicores(String quantity) {
        return quantity.endsWith("m") ? Long.parseLong(quantity.substring(0, quantity.length() - 1))
                : Long.parseLong(quantity) * 1000;
    }

    private static long bytes(String quantity) {
        var number = Long.parseLong(quantity.substring(0, quantity.length() - 2));
        return switch (quantity.substring(quantity.length() - 2)) {
            case "Ki" -> number << 10;
            case "Mi" -> number << 20;
            case "Gi" -> number << 30;
            default -> throw new IllegalArgumentException(quantity);
        };
    }
}
