package io.heapstream.aggregator.window;

import io.heapstream.aggregator.sample.BinaryIn;
import io.heapstream.aggregator.sample.BinaryOut;
import io.heapstream.aggregator.sample.MetricValues;
import io.heapstream.model.rollup.MetricStats;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * count/sum/min/max/last per metric id over a window: fed one slot's value at a time in slot order, or merged
 * from finer windows' statistics in window order (coarser resolutions).
 */
public final class WindowStats {
    private final TreeMap<String, double[]> byId = new TreeMap<>();

    /** One slot's value; slots must come in time order (last = latest). */
    public void add(String id, double value) {
        var a = byId.get(id);
        if (a == null) {
            byId.put(id, new double[] {1, value, value, value, value});
        } else {
            a[0]++;
            a[1] += value;
            a[2] = Math.min(a[2], value);
            a[3] = Math.max(a[3], value);
            a[4] = value;
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
        var a = byId.get(id);
        if (a == null) {
            byId.put(id, new double[] {m.count(), m.sum(), m.min(), m.max(), m.last()});
        } else {
            a[0] += m.count();
            a[1] += m.sum();
            a[2] = Math.min(a[2], m.min());
            a[3] = Math.max(a[3], m.max());
            a[4] = m.last();
        }
    }

    public boolean isEmpty() {
        return byId.isEmpty();
    }

    /** The statistics, ordered by metric name and resource. */
    public List<MetricStats> toMetrics() {
        var out = new ArrayList<MetricStats>(byId.size());
        for (Map.Entry<String, double[]> e : byId.entrySet()) {
            var a = e.getValue();
            long count = (long) a[0];
            out.add(new MetricStats(MetricValues.nameOf(e.getKey()), MetricValues.resourceOf(e.getKey()), count,
                    a[1] / count, a[2], a[3], a[4]));
        }
        return out;
    }

    public void write(BinaryOut out) {
        out.varint(byId.size());
        byId.forEach((id, a) -> {
            out.metricId(id);
            for (double d : a) {
                out.f64(d);
            }
        });
    }

    public static WindowStats read(BinaryIn in) {
        var stats = new WindowStats();
        int n = in.varint();
        for (int i = 0; i < n; i++) {
            var id = in.metricId();
            stats.byId.put(id, new double[] {in.f64(), in.f64(), in.f64(), in.f64(), in.f64()});
        }
        return stats;
    }
}
