package io.heapstream.testkit.reference;

import io.heapstream.model.rollup.Level;
import io.heapstream.model.rollup.MetricStats;
import io.heapstream.model.rollup.Rollup;
import io.heapstream.model.rollup.RollupKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Per series: values per slot, then count/avg/min/max/last per window. Aggregate series first sum their
 * contributions per slot ({@link #addToTotal}), so their statistics are of the total over time.
 */
final class ReferenceWindows {
    /** One series: slot → metric → value, plus the latest known labels, image and workload. */
    static final class Series {
        final TreeMap<Instant, Map<String, Double>> slots = new TreeMap<>();
        final TreeMap<Instant, Map<String, String>> labels = new TreeMap<>();
        final TreeMap<Instant, String> images = new TreeMap<>();
        final TreeMap<Instant, String> workloads = new TreeMap<>();
        Instant lastSlot;

        Series workload(String workload) {
            if (workload != null) {
                workloads.put(lastSlot, workload);
            }
            return this;
        }
    }

    private final Duration window;
    private final Map<RollupKey, Series> series = new LinkedHashMap<>();

    ReferenceWindows(Duration window) {
        this.window = window;
    }

    Series add(RollupKey key, Instant slot, Map<String, Double> values, Map<String, String> labels, String image) {
        var s = series.computeIfAbsent(key, k -> new Series());
        s.lastSlot = slot;
        if (values != null && !values.isEmpty()) {
            s.slots.put(slot, new TreeMap<>(values));
        }
        if (labels != null && !labels.isEmpty()) {
            s.labels.put(slot, labels);
        }
        if (image != null) {
            s.images.put(slot, image);
        }
        return s;
    }

    void addToTotal(RollupKey key, Instant slot, Map<String, Double> values) {
        if (values.isEmpty()) {
            return;
        }
        var s = series.computeIfAbsent(key, k -> new Series());
        var total = s.slots.computeIfAbsent(slot, t -> new TreeMap<>());
        values.forEach((name, v) -> total.merge(name, v, Double::sum));
    }

    List<Rollup> rollups() {
        var out = new ArrayList<Rollup>();
        series.forEach((key, s) -> {
            if (key.level() == Level.CLUSTER || key.level() == Level.FLEET) {
                s.slots.values().forEach(ReferenceRatios::derive);
            }
            var byWindow = new TreeMap<Long, List<Map.Entry<Instant, Map<String, Double>>>>();
            for (var e : s.slots.entrySet()) {
                byWindow.computeIfAbsent(ReferenceRollups.windowStart(e.getKey(), window), w -> new ArrayList<>())
                        .add(e);
            }
            byWindow.forEach((start, slots) -> out.add(rollup(key, s, start, slots)));
        });
        return out;
    }

    private Rollup rollup(RollupKey key, Series s, long start, List<Map.Entry<Instant, Map<String, Double>>> slots) {
        var ws = Instant.ofEpochMilli(start);
        var we = ws.plus(window);
        var perMetric = new TreeMap<String, List<Double>>();
        for (var slot : slots) {
            slot.getValue().forEach((name, v) -> perMetric.computeIfAbsent(name, n -> new ArrayList<>()).add(v));
        }
        var metrics = new ArrayList<MetricStats>();
        perMetric.forEach((name, values) -> {
            double sum = 0;
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (double v : values) {
                sum += v;
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
            var parts = name.split("\u0000", 2);
            metrics.add(new MetricStats(parts[0], parts.length > 1 ? parts[1] : null, values.size(),
                    sum / values.size(), min, max, values.get(values.size() - 1)));
        });
        var labels = latest(s.labels, ws, we);
        var image = latest(s.images, ws, we);
        var workload = latest(s.workloads, ws, we);
        var finalKey = workload == null ? key : new RollupKey(key.level(), key.cluster(), key.namespace(), workload,
                key.pod(), key.container(), key.node());
        return new Rollup(Rollup.SCHEMA_VERSION, finalKey, window, ws, we, metrics, labels, image);
    }

    private static <T> T latest(TreeMap<Instant, T> values, Instant from, Instant to) {
        var e = values.lowerEntry(to);
        return e != null && !e.getKey().isBefore(from) ? e.getValue() : null;
    }

    /** A coarser resolution from the finer rollups: counts add up, averages re-weight, min/max/last carry. */
    static List<Rollup> coarsen(List<Rollup> fine, Duration resolution) {
        var groups = new LinkedHashMap<String, List<Rollup>>();
        for (var r : fine) {
            long start = ReferenceRollups.windowStart(r.windowStart(), resolution);
            // pods and containers keep their identity when their workload becomes known mid-way
            var k = r.key();
            var identity = new RollupKey(k.level(), k.cluster(), k.namespace(),
                    k.level() == Level.POD || k.level() == Level.CONTAINER ? null : k.workload(), k.pod(),
                    k.container(), k.node());
            groups.computeIfAbsent(identity + "@" + start, x -> new ArrayList<>()).add(r);
        }
        var out = new ArrayList<Rollup>();
        for (var rollups : groups.values()) {
            rollups.sort(Comparator.comparing(Rollup::windowStart));
            var first = rollups.get(0);
            var last = rollups.get(rollups.size() - 1);
            var ws = Instant.ofEpochMilli(ReferenceRollups.windowStart(first.windowStart(), resolution));
            var stats = new TreeMap<String, double[]>();
            for (var r : rollups) {
                for (var m : r.metrics()) {
                    var id = m.name() + "\u0000" + (m.resourceId() == null ? "" : m.resourceId());
                    var a = stats.computeIfAbsent(id, k -> new double[] {0, 0, Double.POSITIVE_INFINITY,
                            Double.NEGATIVE_INFINITY, 0});
                    a[0] += m.count();
                    a[1] += m.sum();
                    a[2] = Math.min(a[2], m.min());
                    a[3] = Math.max(a[3], m.max());
                    a[4] = m.last();
                }
            }
            var metrics = new ArrayList<MetricStats>();
            stats.forEach((id, a) -> {
                var parts = id.split("\u0000", 2);
                metrics.add(new MetricStats(parts[0], parts[1].isEmpty() ? null : parts[1], (long) a[0],
                        a[1] / a[0], a[2], a[3], a[4]));
            });
            String image = null;
            Map<String, String> labels = Map.of();
            for (var r : rollups) {
                image = r.image() != null ? r.image() : image;
                labels = r.labels().isEmpty() ? labels : r.labels();
            }
            out.add(new Rollup(Rollup.SCHEMA_VERSION, last.key(), resolution, ws, ws.plus(resolution), metrics,
                    labels, image));
        }
        return out;
    }
}
