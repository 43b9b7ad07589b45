package io.heapstream.aggregator.node;

import io.heapstream.aggregator.sample.BinaryIn;
import io.heapstream.aggregator.sample.BinaryOut;
import io.heapstream.aggregator.sample.RateMetric;
import io.heapstream.aggregator.window.WindowGrid;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The previous reading of every counter of one node's series: what a rate needs. A reading only serves as
 * the previous one for a sample in its own window or the next; a counter that went down, or whose source
 * restarted (start changed), starts over without a rate.
 *
 * <p>Kept per series id with one slot per {@link RateMetric}, so a series' counters cost one map lookup, not
 * a concatenated key and a lookup each. The stored form keeps one entry per counter ({@code seriesId|ordinal}).
 */
final class Baselines {
    /** One counter's reading. */
    record Reading(long slotMillis, long value, long timeNanos, String start) { }

    private static final int METRICS = RateMetric.values().length;

    private final Map<String, Reading[]> readings;

    private Baselines(Map<String, Reading[]> readings) {
        this.readings = readings;
    }

    static Baselines empty() {
        return new Baselines(new HashMap<>());
    }

    boolean isEmpty() {
        return readings.isEmpty();
    }

    /** The readings of one series, to pass to {@link #rate} for each of its counters. */
    Reading[] series(String seriesId) {
        return readings.computeIfAbsent(seriesId, id -> new Reading[METRICS]);
    }

    /** Per-second rate in the metric's unit, or NaN for a first sample, a reset or no elapsed time. */
    double rate(WindowGrid grid, Reading[] series, RateMetric metric, String start, long slot, long value,
                long timeNanos) {
        var prev = series[metric.ordinal()];
        series[metric.ordinal()] = new Reading(slot, value, timeNanos, start);
        if (prev == null || grid.index(prev.slotMillis()) < grid.index(slot) - 1
                || !Objects.equals(prev.start(), start) || value < prev.value()) {
            return Double.NaN;
        }
        double seconds = (timeNanos - prev.timeNanos()) / 1e9;
        if (seconds <= 0) {
            return Double.NaN;
        }
        return (value - prev.value()) / seconds / metric.divisor();
    }

    /** Forgets readings that can no longer serve: older than the window before {@code windowStart}'s. */
    void forgetBefore(WindowGrid grid, long windowStart) {
        long index = grid.index(windowStart);
        readings.values().removeIf(series -> {
            boolean any = false;
            for (int m = 0; m < METRICS; m++) {
                if (series[m] != null && grid.index(series[m].slotMillis()) < index - 1) {
                    series[m] = null;
                }
                any |= series[m] != null;
            }
            return !any;
        });
    }

    byte[] encode() {
        int n = 0;
        for (var series : readings.values()) {
            for (var r : series) {
                n += r == null ? 0 : 1;
            }
        }
        var out = new BinaryOut(n * 48);
        out.varint(n);
        readings.forEach((id, series) -> {
            for (int m = 0; m < METRICS; m++) {
                var r = series[m];
                if (r != null) {
                    out.string(id + '|' + m).i64(r.slotMillis()).i64(r.value()).i64(r.timeNanos()).string(r.start());
                }
            }
        });
        return out.toBytes();
    }

    static Baselines decode(byte[] bytes) {
        var in = new BinaryIn(bytes);
        int n = in.varint();
        var readings = new HashMap<String, Reading[]>(n);
        for (int i = 0; i < n; i++) {
            var key = in.string();
            int bar = key.lastIndexOf('|');
            var series = readings.computeIfAbsent(key.substring(0, bar), id -> new Reading[METRICS]);
            series[Integer.parseInt(key, bar + 1, key.length(), 10)] =
                    new Reading(in.i64(), in.i64(), in.i64(), in.string());
        }
        return new Baselines(readings);
    }
}
