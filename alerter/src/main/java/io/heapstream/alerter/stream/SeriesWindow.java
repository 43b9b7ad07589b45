package io.heapstream.alerter.stream;

import io.heapstream.alerter.rules.Expression;
import io.heapstream.alerter.rules.MetricNames;
import io.heapstream.model.rollup.MetricStats;
import io.heapstream.model.rollup.Rollup;

/**
 * What a condition reads of one series' window: the rollup's metrics (of one resource for per-resource metrics)
 * and the remembered values of increase(). One instance per processor, set before each evaluation: conditions are
 * evaluated for every rule and series of every rollup, and this is the only object that needs.
 */
final class SeriesWindow implements Expression.Window {
    private final StateIndex index;
    private Rollup rollup;
    private String resource;
    private String fingerprint;

    SeriesWindow(StateIndex index) {
        this.index = index;
    }

    /** The series to read; {@code fingerprint} is needed only by rules using increase(). */
    void set(Rollup window, String resourceId, String fp) {
        this.rollup = window;
        this.resource = resourceId;
        this.fingerprint = fp;
    }

    @Override
    public MetricStats stats(String metric) {
        if (!MetricNames.perResource(metric)) {
            return rollup.metric(metric);
        }
        for (MetricStats m : rollup.metrics()) {
            if (resource != null && resource.equals(m.resourceId()) && m.name().equals(metric)) {
                return m;
            }
        }
        return null;
    }

    @Override
    public double previousLast(String metric) {
        return fingerprint == null ? Double.NaN : index.previousLast(fingerprint + "/" + metric, rollup.windowEnd());
    }
}
