package io.heapstream.aggregator.node;

import io.heapstream.aggregator.sample.MetricRules;
import io.heapstream.aggregator.sample.MetricValues;
import io.heapstream.aggregator.sample.SeriesSample;
import io.heapstream.aggregator.total.TotalKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One close pass's sums per aggregate series ({@link TotalKey}), window and slot, over the task's nodes.
 * A node's window first sums its pods (or the node) per slot, and that part then joins the task's sum: the
 * same additions in the same order as summing each node apart and then the nodes, so the doubles, and the
 * order of their ids, come out the same. Series are found through (cluster, namespace, workload) rather
 * than by building their key string per pod and slot.
 */
final class TaskTotals {
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

    /** A pod's values that namespaces, workloads and the cluster's pods total add up. */
    void pod(String cluster, SeriesSample pod, MetricValues v, long slot) {
        if (picked.pick(v, MetricRules.POD_TO_TOTAL::contains).isEmpty()) {
            return;
        }
        var namespace = namespace(cluster, pod.namespace());
        part(namespace.series(), slot).addAll(picked);
        // the cluster's pods total (Heapster's cluster) beside its nodes total
        var podsTotal = part(cluster(cluster).series(), slot);
        for (int i = 0; i < picked.size(); i++) {
            podsTotal.add(MetricRules.podsTotalId(picked.id(i)), picked.value(i));
        }
        if (pod.workload() != null) {
            part(namespace.workloads().computeIfAbsent(pod.workload(),
                    w -> series(TotalKey.workload(cluster, pod.namespace(), w))), slot).addAll(picked);
        }
    }

    /** A node's values that its cluster and the fleet add up. */
    void node(String cluster, MetricValues v, long slot) {
        if (picked.pick(v, MetricRules.NODE_TO_TOTAL::contains).isEmpty()) {
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
