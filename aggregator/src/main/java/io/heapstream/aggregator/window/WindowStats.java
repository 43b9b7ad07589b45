package io.heapstream.aggregator.window;

import io.heapstream.aggregator.sample.BinaryIn;
import io.heapstream.aggregator.sample.BinaryOut;
import io.heapstream.aggregator.sample.MetricValues;
import io.heapstream.model.rollup.MetricStats;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * count/sum/min/max/last per metric id over a window: fed one slot's value at a time in slot order, or merged
 * from finer windows' statistics in window order (coarser resolutions).
 *
 * <p>Parallel arrays searched from just after the previous hit: a series' metrics come in the same order in
 * every slot, so the first probe nearly always matches. Sorting by id happens once, when the statistics are
 * read out (a sorted map compared strings on every value).
 */
public final class WindowStats {
    private static final int COUNT = 0;
    private static final int SUM = 1;
    private static final int MIN = 2;
    private static final int MAX = 3;
    private static final int LAST = 4;
    private static final int WIDTH = 5;

    private String[] ids = new String[16];
    private double[] stats = new double[16 * WIDTH];
    private int size;
    private int next;

    /** One slot's value; slots must come in time order (last = latest). */
    public void add(String id, double value) {
        int i = indexOf(id);
        if (i < 0) {
            append(id, 1, value, value, value, value);
        } else {
            int o = i * WIDTH;
            stats[o + COUNT]++;
            stats[o + SUM] += value;
            stats[o + MIN] = Math.min(stats[o + MIN], value);
            stats[o + MAX] = Math.max(stats[o + MAX], value);
            stats[o + LAST] = value;
        }
    }

    public void addAll(MetricValues values) {
        for (int i = 0; i < values.size(); i++) {
            add(values.id(i), values.value(i));
        }
    }

    /** A finer window's statistics; finer windows must come in time order. */
    public void merge(MetricStats m) {
        var id = MetricValues.id(m.name(), m.resourceId());
        int i = indexOf(id);
        if (i < 0) {
            append(id, m.count(), m.sum(), m.min(), m.max(), m.last());
        } else {
            int o = i * WIDTH;
            stats[o + COUNT] += m.count();
            stats[o + SUM] += m.sum();
            stats[o + MIN] = Math.min(stats[o + MIN], m.min());
            stats[o + MAX] = Math.max(stats[o + MAX], m.max());
            stats[o + LAST] = m.last();
        }
    }

    public boolean isEmpty() {
        return size == 0;
    }

    /** The statistics, ordered by metric name and resource. */
    public List<MetricStats> toMetrics() {
        var out = new ArrayList<MetricStats>(size);
        for (int i : sorted()) {
            int o = i * WIDTH;
            long count = (long) stats[o + COUNT];
            out.add(new MetricStats(MetricValues.nameOf(ids[i]), MetricValues.resourceOf(ids[i]), count,
                    stats[o + SUM] / count, stats[o + MIN], stats[o + MAX], stats[o + LAST]));
        }
        return out;
    }

    public void write(BinaryOut out) {
        out.varint(size);
        for (int i : sorted()) {
            out.metricId(ids[i]);
            for (int k = 0; k < WIDTH; k++) {
                out.f64(stats[i * WIDTH + k]);
            }
        }
    }

    public static WindowStats read(BinaryIn in) {
        var stats = new WindowStats();
        int n = in.varint();
        for (int i = 0; i < n; i++) {   // written from distinct ids: no lookup needed
            stats.append(in.metricId(), in.f64(), in.f64(), in.f64(), in.f64(), in.f64());
        }
        return stats;
    }

    private int indexOf(String id) {
        for (int k = 0; k < size; k++) {
            int i = next + k < size ? next + k : next + k - size;
            var candidate = ids[i];
            if (candidate == id || candidate.equals(id)) {
                next = i + 1 < size ? i + 1 : 0;
                return i;
            }
        }
        return -1;
    }

    private void append(String id, double count, double sum, double min, double max, double last) {
        if (size == ids.length) {
            ids = Arrays.copyOf(ids, size * 2);
            stats = Arrays.copyOf(stats, size * 2 * WIDTH);
        }
        ids[size] = id;
        int o = size * WIDTH;
        stats[o + COUNT] = count;
        stats[o + SUM] = sum;
        stats[o + MIN] = min;
        stats[o + MAX] = max;
        stats[o + LAST] = last;
        size++;
        next = 0;
    }

    /** Positions in id order (the order the sorted map gave). */
    private Integer[] sorted() {
        var order = new Integer[size];
        for (int i = 0; i < size; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> ids[a].compareTo(ids[b]));
        return order;
    }
}
