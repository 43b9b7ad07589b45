package io.heapstream.testkit.reference;

import io.heapstream.model.raw.PodStats;
import io.heapstream.model.raw.RawScrape;
import io.heapstream.model.rollup.Level;
import io.heapstream.model.rollup.MetricStats;
import io.heapstream.model.rollup.Rollup;
import io.heapstream.model.rollup.RollupKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Ground truth for the aggregator: the rollups that docs/rollup-semantics.md defines, computed from a list of
 * raw scrapes in plain Java, without Kafka Streams and without any code of the aggregator. Tests compare the
 * topology's output with this (and the end-to-end test compares InfluxDB with it).
 *
 * <p>The list is in arrival order on one partition: a scrape whose window closed (window end + grace at or
 * before the watermark: the newest slot of the slowest node whose newest slot is within {@link #NODE_GONE_LAG}
 * of the partition's newest) is late and left out; a second scrape of the same node and slot is a duplicate and
 * left out. Every window of every series is returned, as if all windows had closed.
 */
public final class ReferenceRollups {
    /** Namespace, workload and pod totals are sums of these pod values per slot. */
    static final List<String> POD_TOTALS = List.of("cpu/usage_rate", "memory/usage", "memory/working_set",
            "memory/rss", "memory/page_faults_rate", "memory/major_page_faults_rate", "network/rx_rate",
            "network/tx_rate", "network/rx_errors_rate", "network/tx_errors_rate", "cpu/request", "cpu/limit",
            "memory/request", "memory/limit", "restart_count", "ephemeral_storage/usage");
    /** Cluster and fleet totals are sums of these node values per slot (plus filesystem/* of nodefs, imagefs). */
    static final List<String> NODE_TOTALS = List.of("cpu/usage_rate", "memory/usage", "memory/working_set",
            "memory/rss", "memory/page_faults_rate", "memory/major_page_faults_rate", "network/rx_rate",
            "network/tx_rate", "network/rx_errors_rate", "network/tx_errors_rate", "cpu/request", "cpu/limit",
            "memory/request", "memory/limit", "cpu/node_capacity", "cpu/node_allocatable", "memory/node_capacity",
            "memory/node_allocatable");

    /** docs/rollup-semantics.md §4: a node this far behind the partition's newest slot no longer holds it back. */
    static final Duration NODE_GONE_LAG = Duration.ofMinutes(15);

    private ReferenceRollups() { }

    /** Rollups of the base window and of each coarser resolution, sorted by resolution, key and window. */
    public static List<Rollup> compute(List<RawScrape> arrivals, Duration window, Duration grace,
                                       List<Duration> coarser) {
        var accepted = accept(arrivals, window, grace);
        var windows = new ReferenceWindows(window);
        var byNode = new LinkedHashMap<String, List<RawScrape>>();
        for (var scrape : accepted) {
            byNode.computeIfAbsent(scrape.key(), k -> new ArrayList<>()).add(scrape);
        }
        for (var scrapes : byNode.values()) {
            scrapes.sort(Comparator.comparing(RawScrape::scrapeTime));
            var samples = new ReferenceSamples(window);
            for (var scrape : scrapes) {
                var values = samples.slot(scrape);
                addNodeLocal(windows, scrape, values);
                addTotals(windows, scrape, values);
            }
        }
        var result = new ArrayList<>(windows.rollups());
        for (var resolution : coarser) {
            result.addAll(ReferenceWindows.coarsen(windows.rollups(), resolution));
        }
        result.sort(Comparator.comparing((Rollup r) -> r.resolution())
                .thenComparing(r -> r.key().toString()).thenComparing(Rollup::windowStart));
        return result;
    }

    /** Arrival order, one partition: drops late scrapes and duplicates of a node and slot. */
    static List<RawScrape> accept(List<RawScrape> arrivals, Duration window, Duration grace) {
        var accepted = new ArrayList<RawScrape>();
        classify(arrivals, window, grace, accepted, new ArrayList<>());
        return accepted;
    }

    /** The scrapes that arrive after their window closed (window end + grace at or before the watermark). */
    public static List<RawScrape> late(List<RawScrape> arrivals, Duration window, Duration grace) {
        var late = new ArrayList<RawScrape>();
        classify(arrivals, window, grace, new ArrayList<>(), late);
        return late;
    }

    private static void classify(List<RawScrape> arrivals, Duration window, Duration grace,
                                 List<RawScrape> accepted, List<RawScrape> lateOnes) {
        var seen = new HashSet<String>();
        var newestOfNode = new HashMap<String, Long>();
        long newest = Long.MIN_VALUE;
        long watermark = Long.MIN_VALUE;
        for (var scrape : arrivals) {
            long t = scrape.scrapeTime().toEpochMilli();
            long windowEnd = Math.floorDiv(t, window.toMillis()) * window.toMillis() + window.toMillis();
            if (watermark >= windowEnd + grace.toMillis()) {
                lateOnes.add(scrape);
            } else if (seen.add(scrape.key() + "@" + t)) {
                accepted.add(scrape);
            }
            newestOfNode.merge(scrape.key(), t, Math::max);
            newest = Math.max(newest, t);
            long slowest = newest;
            for (long n : newestOfNode.values()) {
                if (n >= newest - NODE_GONE_LAG.toMillis()) {
                    slowest = Math.min(slowest, n);
                }
            }
            watermark = Math.max(watermark, slowest);
        }
    }

    private static void addNodeLocal(ReferenceWindows windows, RawScrape scrape,
                                     Map<String, Map<String, Double>> values) {
        var cluster = scrape.cluster();
        var node = scrape.node();
        var slot = scrape.scrapeTime();
        var nodeMeta = scrape.nodeStats() == null ? null : scrape.nodeStats().meta();
        windows.add(RollupKey.node(cluster, node), slot, values.get("node"), nodeMeta == null ? null
                : nodeMeta.labels(), null);
        if (scrape.nodeStats() != null) {
            for (var sys : scrape.nodeStats().systemContainers()) {
                windows.add(RollupKey.sysContainer(cluster, node, sys.name()), slot, values.get("sys|" + sys.name()),
                        null, null);
            }
        }
        for (PodStats pod : scrape.pods()) {
            var ns = pod.podRef().namespace();
            var name = pod.podRef().name();
            var labels = pod.meta() == null ? null : pod.meta().labels();
            var workload = workload(pod);
            windows.add(RollupKey.pod(cluster, ns, name, node, null), slot, values.get("pod|" + ns + "|" + name),
                    labels, null).workload(workload);
            var names = new LinkedHashSet<String>();
            ReferenceSamples.containers(pod).forEach(c -> names.add(c.name()));
            if (pod.meta() != null) {
                names.addAll(pod.meta().containers().keySet());
            }
            for (var c : names) {
                var meta = pod.meta() == null ? null : pod.meta().containers().get(c);
                windows.add(RollupKey.container(cluster, ns, name, c, node, null), slot,
                        values.get("container|" + ns + "|" + name + "|" + c), labels,
                        meta == null ? null : meta.image()).workload(workload);
            }
        }
    }

    private static void addTotals(ReferenceWindows windows, RawScrape scrape,
                                  Map<String, Map<String, Double>> values) {
        var cluster = scrape.cluster();
        var slot = scrape.scrapeTime();
        for (PodStats pod : scrape.pods()) {
            var ns = pod.podRef().namespace();
            var podValues = values.get("pod|" + ns + "|" + pod.podRef().name());
            var totals = pick(podValues, POD_TOTALS, false);
            windows.addToTotal(RollupKey.namespace(cluster, ns), slot, totals);
            var podsTotal = new TreeMap<String, Double>();
            totals.forEach((metric, v) -> podsTotal.put(metric + "\u0000" + MetricStats.PODS_TOTAL, v));
            windows.addToTotal(RollupKey.cluster(cluster), slot, podsTotal);
            var workload = workload(pod);
            if (workload != null) {
                windows.addToTotal(RollupKey.workload(cluster, ns, workload), slot, totals);
            }
        }
        var nodeValues = values.get("node");
        if (nodeValues != null) {
            var totals = pick(nodeValues, NODE_TOTALS, true);
            windows.addToTotal(RollupKey.cluster(cluster), slot, totals);
            windows.addToTotal(RollupKey.fleet(), slot, totals);
        }
    }

    private static Map<String, Double> pick(Map<String, Double> values, List<String> names, boolean filesystems) {
        var out = new TreeMap<String, Double>();
        for (var e : values.entrySet()) {
            if (names.contains(e.getKey()) || filesystems && e.getKey().startsWith("filesystem/usage\u0000")
                    || filesystems && e.getKey().startsWith("filesystem/limit\u0000")
                    || filesystems && e.getKey().startsWith("filesystem/available\u0000")) {
                out.put(e.getKey(), e.getValue());
            }
        }
        return out;
    }

    static String workload(PodStats pod) {
        var meta = pod.meta();
        if (meta == null || meta.workloadKind() == null || meta.workloadName() == null) {
            return null;
        }
        return meta.workloadKind() + "/" + meta.workloadName();
    }

    static long windowStart(Instant slot, Duration window) {
        return Math.floorDiv(slot.toEpochMilli(), window.toMillis()) * window.toMillis();
    }

    static boolean isAggregate(Level level) {
        return level == Level.NAMESPACE || level == Level.WORKLOAD || level == Level.CLUSTER
                || level == Level.FLEET;
    }
}
