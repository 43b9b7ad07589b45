package io.heapstream.aggregator.node;

import io.heapstream.aggregator.sample.BinaryIn;
import io.heapstream.aggregator.sample.BinaryOut;
import io.heapstream.aggregator.sample.RateMetric;
import io.heapstream.aggregator.window.WindowGrid;
import java.util.HashMap;
import java.util.Map;

/**
 * The previous reading of every counter of one node's series: what a rate needs. A reading only serves as
 * the previous one for a sample in its own window or the next; a counter that went down, or whose source
 * restarted (start changed), starts over without a rate.
 */
final class Baselines {
    private record Reading(long slotMillis, long value, long timeNanos, String start) { }

    private final Map<String, Reading> readings;

    private Baselines(Map<String, Reading> readings) {
        this.readings = readings;
    }

    static Baselines empty() {
        return new Baselines(new HashMap<>());
    }

    boolean isEmpty() {
        return readings.isEmpty();
    }

    /** Per-second rate in the metric's unit, or NaN for a first sample, a reset or no elapsed time. */
    double rate(WindowGrid grid, String seriesId, RateMetric metric, String start, long slot, long value,
                long timeNanos) {
        var key = seriesId + '|' + metric.ordinal();
        var prev = readings.put(key, new Reading(slot, value, timeNanos, start));
        if (prev == null || grid.index(prev.slotMillis()) < grid.index(slot) - 1
                || !java.util.Objects.equals(prev.start(), start) || value < prev.value()) {
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
        readings.values().removeIf(r -> grid.index(r.slotMillis()) < index - 1);
    }

    byte[] encode() {
        var out = new BinaryOut(readings.size() * 48);
        out.varint(readings.size());
        readings.forEach((key, r) -> out.string(key).i64(r.slotMillis()).i64(r.value()).i64(r.timeNanos())
                .string(r.start()));
        return out.toBytes();
    }

    static Baselines decode(byte[] bytes) {
        var in = new BinaryIn(bytes);
        int n = in.varint();
        var readings = new HashMap<String, Reading>(n * 2);
        for (int i = 0; i < n; i++) {
            readings.put(in.string(), new Reading(in.i64(), in.i64(), in.i64(), in.string()));
        }
        return new Baselines(readings);
    }
}
