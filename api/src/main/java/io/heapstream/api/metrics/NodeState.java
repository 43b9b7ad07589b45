package io.heapstream.api.metrics;

import io.heapstream.model.raw.ContainerStats;
import io.heapstream.model.raw.NodeStats;
import io.heapstream.model.raw.PodStats;
import io.heapstream.model.raw.RawScrape;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the metrics API holds of one node: its own two latest points and those of every container of the pods
 * in its latest scrape. Immutable: each scrape builds the next state from the previous one, and readers see one
 * whole scrape or the other. A pod that left the node's latest scrape is gone, as in metrics-server.
 */
final class NodeState {
    final String cluster;
    final String node;
    final long scrapeTimeNanos;
    final Map<String, String> labels;
    /** The node's pair, or {@code null} when its scrape lacked CPU or memory. */
    final long[] points;
    final List<PodState> pods;

    private NodeState(String cluster, String node, long scrapeTimeNanos, Map<String, String> labels, long[] points,
                      List<PodState> pods) {
        this.cluster = cluster;
        this.node = node;
        this.scrapeTimeNanos = scrapeTimeNanos;
        this.labels = labels;
        this.points = points;
        this.pods = pods;
    }

    /** The state after {@code scrape}, given the node's state before it ({@code null} for the first). */
    static NodeState next(NodeState old, RawScrape scrape, long resolutionNanos) {
        NodeStats stats = scrape.nodeStats();
        long[] nodePoints = null;
        Map<String, String> labels = Map.of();
        if (stats != null) {
            var candidate = new long[Points.SLOTS];
            var oldPoints = old == null ? null : old.points;
            if (Points.store(candidate, 0, stats.startTime(), stats.cpu(), stats.memory(), oldPoints, 0, false,
                    resolutionNanos)) {
                nodePoints = candidate;
            }
            if (stats.meta() != null) {
                labels = stats.meta().labels();
            }
        }
        var oldPods = old == null ? Map.<String, PodState>of() : old.podsByKey();
        long scrapeTimeNanos = Points.nanos(scrape.scrapeTime());
        var pods = new ArrayList<PodState>(scrape.pods().size());
        for (PodStats pod : scrape.pods()) {
            var ref = pod.podRef();
            var previous = oldPods.get(ref.namespace() + "/" + ref.name());
            var state = pod(pod, previous, resolutionNanos, scrapeTimeNanos);
            if (state != null) {
                pods.add(state);
            }
        }
        return new NodeState(scrape.cluster(), scrape.node(), scrapeTimeNanos, labels, nodePoints,
                List.copyOf(pods));
    }

    private static PodState pod(PodStats pod, PodState old, long resolutionNanos, long scrapeTimeNanos) {
        var names = new String[pod.containers().size()];
        var points = new long[names.length * Points.SLOTS];
        int count = 0;
        for (ContainerStats container : pod.containers()) {
            int oldIndex = old == null ? -1 : old.indexOf(container.name());
            if (Points.store(points, count * Points.SLOTS, container.startTime(), container.cpu(), container.memory(),
                    oldIndex < 0 ? null : old.points, oldIndex * Points.SLOTS, true, resolutionNanos)) {
                names[count++] = container.name().intern();
            }
        }
        if (count == 0) {
            return null;
        }
        if (count < names.length) {
            names = java.util.Arrays.copyOf(names, count);
            points = java.util.Arrays.copyOf(points, count * Points.SLOTS);
        }
        var labels = pod.meta() == null ? Map.<String, String>of() : pod.meta().labels();
        // the previous state's name string, which the pod index's key holds: one copy per pod, not one per scrape
        var name = old != null ? old.name : pod.podRef().name();
        return new PodState(pod.podRef().namespace().intern(), name, labels, names, points,
                scrapeTimeNanos);
    }

    private Map<String, PodState> podsByKey() {
        var byKey = new HashMap<String, PodState>(pods.size() * 2);
        for (var pod : pods) {
            byKey.put(pod.key(), pod);
        }
        return byKey;
    }
}
