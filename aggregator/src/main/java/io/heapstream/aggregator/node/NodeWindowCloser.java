package io.heapstream.aggregator.node;

import io.heapstream.aggregator.sample.MetricValues;
import io.heapstream.aggregator.sample.NameSet;
import io.heapstream.aggregator.sample.Names;
import io.heapstream.aggregator.sample.NodeSample;
import io.heapstream.aggregator.sample.SeriesSample;
import io.heapstream.aggregator.sample.SeriesSample.Kind;
import io.heapstream.aggregator.total.TotalKey;
import io.heapstream.aggregator.window.WindowGrid;
import io.heapstream.aggregator.window.WindowStats;
import io.heapstream.model.rollup.Rollup;
import io.heapstream.model.rollup.RollupKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

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
        // containers follow their pod: sum them into it; then pods' requests and limits into the node
        var podOf = podsOfContainers(series);
        int nodeIndex = -1;
        for (int i = 0; i < series.size(); i++) {
            var kind = series.get(i).kind();
            if (kind == Kind.CONTAINER && podOf[i] >= 0) {
                addPicked(values.get(podOf[i]), values.get(i), Names.CONTAINER_TO_POD_SET);
            } else if (kind == Kind.NODE) {
                nodeIndex = i;
            }
        }
        if (nodeIndex >= 0) {
            var nodeValues = values.get(nodeIndex);
            for (int i = 0; i < series.size(); i++) {
                if (series.get(i).kind() == Kind.POD) {
                    addPicked(nodeValues, values.get(i), Names.POD_TO_NODE_SET);
                }
            }
            Names.deriveRatios(nodeValues);
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

    private static void addPicked(MetricValues target, MetricValues source, NameSet names) {
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

    /**
     * One close pass's sums per aggregate series ({@link TotalKey}), window and slot, over the task's nodes.
     * A node's window first sums its pods (or the node) per slot, and that part then joins the task's sum: the
     * same additions in the same order as summing each node apart and then the nodes, so the doubles, and the
     * order of their ids, come out the same. Series are found through (cluster, namespace, workload) rather
     * than by building their key string per pod and slot.
     */
    static final class TaskTotals {
        /** Receives one series' sums of one window. */
        interface Consumer {
            void accept(String key, long windowStart, TreeMap<Long, MetricValues> slots);
        }

        private static final class Series {
            final String key;
            final TreeMap<Long, TreeMap<Long, MetricValues>> windows = new TreeMap<>();
            /** The current node window's part per slot, in the order the slots came. */
            long[] slots = new long[4];
            MetricValues[] parts = new MetricValues[4];
            int n;

            Series(String key) {
                this.key = key;
            }
        }

        private record Namespace(Series series, Map<String, Series> workloads) { }

        private record Cluster(Series series, Map<String, Namespace> namespaces) { }

        private final Map<String, Series> byKey = new HashMap<>();
        private final Map<String, Cluster> clusters = new HashMap<>();
        private final List<Series> touched = new ArrayList<>();
        private String lastClusterName;
        private Cluster lastCluster;
        private Series fleet;
        /** A pod's or node's values picked for the totals, reused. */
        private final MetricValues picked = new MetricValues(32);

        /** A pod's values that namespaces and workloads add up. */
        void pod(String cluster, SeriesSample pod, MetricValues v, long slot) {
            if (picked.pick(v, Names.POD_TO_TOTAL_SET::contains).isEmpty()) {
                return;
            }
            var namespace = namespace(cluster, pod.namespace());
            part(namespace.series(), slot).addAll(picked);
            if (pod.workload() != null) {
                part(namespace.workloads().computeIfAbsent(pod.workload(),
                        w -> series(TotalKey.workload(cluster, pod.namespace(), w))), slot).addAll(picked);
            }
        }

        /** A node's values that its cluster and the fleet add up. */
        void node(String cluster, MetricValues v, long slot) {
            if (picked.pick(v, Names::nodeToTotal).isEmpty()) {
                return;
            }
            part(cluster(cluster).series(), slot).addAll(picked);
            if (fleet == null) {
                fleet = series(TotalKey.fleet());
            }
            part(fleet, slot).addAll(picked);
        }

        /** Adds the node's window just closed into the task's sums. */
        void endNodeWindow(long windowStart) {
            for (var s : touched) {
                var sums = s.windows.computeIfAbsent(windowStart, w -> new TreeMap<>());
                for (int i = 0; i < s.n; i++) {
                    var sum = sums.putIfAbsent(s.slots[i], s.parts[i]);
                    if (sum != null) {
                        sum.addAll(s.parts[i]);
                    }
                    s.parts[i] = null;
                }
                s.n = 0;
            }
            touched.clear();
        }

        /** Every series' windows, in key order and then time order (the totals stage sums in arrival order). */
        void forEach(Consumer consumer) {
            var series = new ArrayList<>(byKey.values());
            series.sort(Comparator.comparing(s -> s.key));
            for (var s : series) {
                for (var w : s.windows.entrySet()) {
                    consumer.accept(s.key, w.getKey(), w.getValue());
                }
            }
        }

        private MetricValues part(Series s, long slot) {
            for (int i = s.n - 1; i >= 0; i--) {
                if (s.slots[i] == slot) {
                    return s.parts[i];
                }
            }
            if (s.n == 0) {
                touched.add(s);
            } else if (s.n == s.slots.length) {
                s.slots = Arrays.copyOf(s.slots, s.n * 2);
                s.parts = Arrays.copyOf(s.parts, s.n * 2);
            }
            var part = new MetricValues(32);
            s.slots[s.n] = slot;
            s.parts[s.n++] = part;
            return part;
        }

        private Namespace namespace(String cluster, String namespace) {
            return cluster(cluster).namespaces().computeIfAbsent(namespace,
                    n -> new Namespace(series(TotalKey.namespace(cluster, n)), new HashMap<>()));
        }

        private Cluster cluster(String name) {
            if (lastCluster == null || !Objects.equals(name, lastClusterName)) {
                lastCluster = clusters.computeIfAbsent(name,
                        c -> new Cluster(series(TotalKey.cluster(c)), new HashMap<>()));
                lastClusterName = name;
            }
            return lastCluster;
        }

        /** Names that differ can still make one key: the key decides which series it is. */
        private Series series(String key) {
            return byKey.computeIfAbsent(key, Series::new);
        }
    }
}
