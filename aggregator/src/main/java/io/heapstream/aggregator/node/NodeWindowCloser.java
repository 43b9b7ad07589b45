package io.heapstream.aggregator.node;

import io.heapstream.aggregator.sample.MetricRules;
import io.heapstream.aggregator.sample.MetricValues;
import io.heapstream.aggregator.sample.NodeSample;
import io.heapstream.aggregator.sample.SeriesSample.Kind;
import io.heapstream.aggregator.sample.SeriesSample;
import io.heapstream.aggregator.window.WindowGrid;
import io.heapstream.aggregator.window.WindowStats;
import io.heapstream.model.rollup.Rollup;
import io.heapstream.model.rollup.RollupKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Pure: closes one window of one node. Walks the window's slots in time order, turns counters into rates
 * against the node's {@link Baselines}, sums containers into their pod and pods' requests into the node, and
 * returns the window's statistics of every node-local series; the per-slot values that namespaces,
 * workloads, the cluster and the fleet add up go to the pass's {@link TaskTotals}.
 */
final class NodeWindowCloser {
    /** One node-local series over the window, with its latest metadata. */
    private static final class SeriesWindow {
        final SeriesSample identity;
        final WindowStats stats = new WindowStats();
        String workload;
        Map<String, String> labels = Map.of();
        String image;
        /** The slot this series was last seen in: a pod seen twice in one slot changes how labels are found. */
        long seenSlot = Long.MIN_VALUE;

        SeriesWindow(SeriesSample identity) {
            this.identity = identity;
        }
    }

    private final WindowGrid grid;
    private final Duration resolution;

    NodeWindowCloser(WindowGrid grid, Duration resolution) {
        this.grid = grid;
        this.resolution = resolution;
    }

    /** {@code slots} are the node's samples of one window, in slot order. */
    List<Rollup> close(List<NodeSample> slots, Baselines baselines, TaskTotals totals) {
        var windows = new LinkedHashMap<String, SeriesWindow>();
        String cluster = null;
        String node = null;
        long windowStart = grid.start(slots.get(0).slotMillis());
        for (var sample : slots) {
            cluster = sample.cluster();
            node = sample.node();
            slot(sample, baselines, windows, totals);
        }
        totals.endNodeWindow(windowStart);
        baselines.forgetBefore(grid, windowStart);
        var rollups = new ArrayList<Rollup>(windows.size());
        var start = Instant.ofEpochMilli(windowStart);
        for (var w : windows.values()) {
            if (!w.stats.isEmpty()) {
                rollups.add(new Rollup(Rollup.SCHEMA_VERSION, key(cluster, node, w), resolution, start,
                        start.plus(resolution), w.stats.toMetrics(), w.labels, w.image));
            }
        }
        return rollups;
    }

    private void slot(NodeSample sample, Baselines baselines, Map<String, SeriesWindow> windows, TaskTotals totals) {
        long slot = sample.slotMillis();
        var series = sample.series();
        var values = new ArrayList<MetricValues>(series.size());
        var ids = new String[series.size()];
        for (int i = 0; i < series.size(); i++) {
            var s = series.get(i);
            ids[i] = s.id();
            var v = s.gauges().copy();
            if (!s.counters().isEmpty()) {
                var readings = baselines.series(ids[i]);
                for (var c : s.counters()) {
                    double rate = baselines.rate(grid, readings, c.metric(), s.start(), slot, c.value(),
                            c.timeNanos());
                    if (!Double.isNaN(rate)) {
                        v.put(c.metric().rateName(), rate);
                    }
                }
            }
            values.add(v);
        }
        // containers follow their pod: what the pod's own stats lack is their sum; then pods' requests into the node
        var podOf = podsOfContainers(series);
        var containerSums = new MetricValues[series.size()];
        int nodeIndex = -1;
        for (int i = 0; i < series.size(); i++) {
            var kind = series.get(i).kind();
            if (kind == Kind.CONTAINER && podOf[i] >= 0) {
                if (containerSums[podOf[i]] == null) {
                    containerSums[podOf[i]] = new MetricValues(16);
                }
                addPicked(containerSums[podOf[i]], values.get(i), MetricRules.CONTAINER_TO_POD);
            } else if (kind == Kind.NODE) {
                nodeIndex = i;
            }
        }
        for (int i = 0; i < series.size(); i++) {
            if (containerSums[i] != null) {
                values.get(i).putAbsent(containerSums[i]);
            }
        }
        if (nodeIndex >= 0) {
            var nodeValues = values.get(nodeIndex);
            for (int i = 0; i < series.size(); i++) {
                if (series.get(i).kind() == Kind.POD) {
                    addPicked(nodeValues, values.get(i), MetricRules.POD_TO_NODE);
                }
            }
            MetricRules.deriveRatios(nodeValues);
        }
        var seriesWindows = new SeriesWindow[series.size()];
        boolean podTwice = false;
        for (int i = 0; i < series.size(); i++) {
            var s = series.get(i);
            var w = windows.computeIfAbsent(ids[i], id -> new SeriesWindow(s));
            podTwice |= s.kind() == Kind.POD && w.seenSlot == slot;
            w.seenSlot = slot;
            seriesWindows[i] = w;
        }
        for (int i = 0; i < series.size(); i++) {
            var s = series.get(i);
            var v = values.get(i);
            var w = seriesWindows[i];
            if (!v.isEmpty()) {
                w.stats.addAll(v);
            }
            if (s.workload() != null) {
                w.workload = s.workload();
            }
            var labels = s.kind() != Kind.CONTAINER ? s.labels() : podLabels(series, podOf, i, podTwice);
            if (!labels.isEmpty()) {
                w.labels = labels;
            }
            if (s.image() != null) {
                w.image = s.image();
            }
            if (s.kind() == Kind.POD) {
                totals.pod(sample.cluster(), s, v, slot);
            } else if (s.kind() == Kind.NODE) {
                totals.node(sample.cluster(), v, slot);
            }
        }
    }

    /** A container's pod's labels: of the pod it is summed into, or of the last one of its name if it recurs. */
    private static Map<String, String> podLabels(List<SeriesSample> series, int[] podOf, int container,
                                                 boolean podTwice) {
        if (podTwice) {
            var c = series.get(container);
            for (int j = series.size() - 1; j >= 0; j--) {
                var p = series.get(j);
                if (p.kind() == Kind.POD && samePod(p, c)) {
                    return p.labels();
                }
            }
            return Map.of();
        }
        return podOf[container] < 0 ? Map.of() : series.get(podOf[container]).labels();
    }

    /**
     * The position of each container's pod (-1 for none, and for other series): the last pod before it with
     * its namespace and name. Containers follow their pod, so the pod just before is nearly always it.
     */
    private static int[] podsOfContainers(List<SeriesSample> series) {
        var podOf = new int[series.size()];
        int lastPod = -1;
        for (int i = 0; i < series.size(); i++) {
            var s = series.get(i);
            podOf[i] = -1;
            if (s.kind() == Kind.POD) {
                lastPod = i;
            } else if (s.kind() == Kind.CONTAINER) {
                for (int j = lastPod; j >= 0 && podOf[i] < 0; j--) {
                    if (series.get(j).kind() == Kind.POD && samePod(series.get(j), s)) {
                        podOf[i] = j;
                    }
                }
            }
        }
        return podOf;
    }

    private static boolean samePod(SeriesSample pod, SeriesSample container) {
        return Objects.equals(pod.namespace(), container.namespace()) && Objects.equals(pod.pod(), container.pod());
    }

    private static void addPicked(MetricValues target, MetricValues source, MetricRules.Summed names) {
        int at = -1;
        for (int i = 0; i < source.size(); i++) {
            if (names.contains(source.id(i))) {
                at = target.add(source.id(i), source.value(i), at + 1);
            }
        }
    }

    private static RollupKey key(String cluster, String node, SeriesWindow w) {
        var s = w.identity;
        return switch (s.kind()) {
            case NODE -> RollupKey.node(cluster, node);
            case SYS_CONTAINER -> RollupKey.sysContainer(cluster, node, s.name());
            case POD -> RollupKey.pod(cluster, s.namespace(), s.pod(), node, w.workload);
            case CONTAINER -> RollupKey.container(cluster, s.namespace(), s.pod(), s.name(), node, w.workload);
        };
    }
}
