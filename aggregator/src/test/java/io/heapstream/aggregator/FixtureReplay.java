package io.heapstream.aggregator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.heapstream.model.Json;
import io.heapstream.model.raw.NodeStats;
import io.heapstream.model.raw.PodStats;
import io.heapstream.model.raw.RawScrape;
import io.heapstream.testkit.Fixtures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A real kubelet capture replayed over several slots: every counter advances by a per-field amount each
 * slot (so rates are known and non-zero), sample times follow the slot (2 s before it, as a kubelet's cache
 * would), gauges stay as captured. The fixture's own shape — absent fields, Windows quirks — stays as is.
 */
public final class FixtureReplay {
    /** Summary API captures whose numbers fit a Java long (gke-derived has an unsigned 2^64-1). */
    public static final List<String> SUMMARIES = List.of(
            "nri-kubernetes/k8s-1_28/stats-summary.json",
            "nri-kubernetes/k8s-1_31/stats-summary.json",
            "nri-kubernetes/k8s-1_33/stats-summary.json",
            "nri-kubernetes/k8s-1_35/stats-summary.json",
            "nri-kubernetes/minikube-older/stats-summary.json",
            "datadog-integrations-core/windows-eks/stats-summary.json",
            "otel-collector-contrib/windows-eks-pair/stats-summary-first.json");
    private static final Set<String> COUNTERS = Set.of("usageCoreNanoSeconds", "rxBytes", "txBytes", "rxErrors",
            "txErrors", "pageFaults", "majorPageFaults");

    private FixtureReplay() { }

    public static RawScrape scrape(String path, String cluster, Instant slot, int step) {
        try {
            var root = (ObjectNode) Json.mapper().readTree(Fixtures.string(path));
            advance(root, slot, step);
            var nodeJson = (ObjectNode) root.get("node");
            var runtime = nodeJson.get("runtime");
            if (runtime != null && runtime.has("imageFs")) {
                nodeJson.set("imageFs", runtime.get("imageFs"));
            }
            var node = Json.mapper().treeToValue(nodeJson, NodeStats.class);
            var pods = new ArrayList<PodStats>();
            for (var pod : root.withArray("pods")) {
                pods.add(Json.mapper().treeToValue(pod, PodStats.class));
            }
            return new RawScrape(RawScrape.SCHEMA_VERSION, cluster, node.nodeName(), slot, node, pods);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void advance(JsonNode json, Instant slot, int step) {
        if (json instanceof ObjectNode object) {
            var names = new ArrayList<String>();
            object.fieldNames().forEachRemaining(names::add);
            for (var name : names) {
                var value = object.get(name);
                if (COUNTERS.contains(name) && value.isIntegralNumber()) {
                    long perStep = name.equals("usageCoreNanoSeconds") ? 1_500_000_000L + 7_000_000L * name.length()
                            : 1_000L + 37L * Math.abs(value.asLong() % 100);
                    object.put(name, value.asLong() + perStep * step);
                } else if (name.equals("time") && value.isTextual()) {
                    object.put(name, slot.minusSeconds(2).toString());
                } else {
                    advance(value, slot, step);
                }
            }
        } else if (json instanceof ArrayNode array) {
            array.forEach(element -> advance(element, slot, step));
        }
    }
}
