package io.heapstream.bench.collector;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.heapstream.model.Json;
import io.heapstream.testkit.Fixtures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.UUID;

/**
 * A kubelet's {@code /stats/summary} and {@code /pods} for a node of N pods, made by replicating the pods of a
 * real capture (k8s 1.31, containerd) under distinct names and uids; the node-level stats stay as captured.
 */
record SyntheticNode(int pods, byte[] summary, byte[] podList) {
    private static final String FOLDER = "nri-kubernetes/k8s-1_31/";

    static SyntheticNode of(int pods) {
        try {
            var mapper = Json.mapper();
            var summary = (ObjectNode) mapper.readTree(Fixtures.bytes(FOLDER + "stats-summary.json"));
            var list = (ObjectNode) mapper.readTree(Fixtures.bytes(FOLDER + "kubelet-pods.json"));
            ArrayNode capturedStats = (ArrayNode) summary.get("pods");
            ArrayNode statsOut = mapper.createArrayNode();
            ArrayNode itemsOut = mapper.createArrayNode();
            for (int i = 0; i < pods; i++) {
                ObjectNode stats = capturedStats.get(i % capturedStats.size()).deepCopy();
                String name = stats.at("/podRef/name").asText();
                String namespace = stats.at("/podRef/namespace").asText();
                String copyName = i < capturedStats.size() ? name : name + "-r" + i;
                String uid = UUID.nameUUIDFromBytes(copyName.getBytes()).toString();
                ((ObjectNode) stats.get("podRef")).put("name", copyName).put("uid", uid);
                statsOut.add(stats);
                JsonNode item = find(list, namespace, name);
                if (item != null) {
                    ObjectNode copy = item.deepCopy();
                    ((ObjectNode) copy.get("metadata")).put("name", copyName).put("uid", uid);
                    itemsOut.add(copy);
                }
            }
            summary.set("pods", statsOut);
            list.set("items", itemsOut);
            return new SyntheticNode(pods, mapper.writeValueAsBytes(summary), mapper.writeValueAsBytes(list));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode find(JsonNode list, String namespace, String name) {
        for (JsonNode item : list.get("items")) {
            if (item.at("/metadata/name").asText().equals(name) && item.at("/metadata/namespace").asText().equals(namespace)) {
                return item;
            }
        }
        return null;
    }
}
