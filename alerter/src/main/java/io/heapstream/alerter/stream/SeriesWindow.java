package io.heapstream.alerter.stream;

import io.heapstream.alerter.engine.Fingerprint;
import io.heapstream.alerter.engine.Transitions;
import io.heapstream.alerter.rules.Expression;
import io.heapstream.alerter.rules.MetricNames;
import io.heapstream.alerter.rules.Rule;
import io.heapstream.alerter.rules.Tags;
import io.heapstream.model.rollup.MetricStats;
import io.heapstream.model.rollup.Rollup;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One rule evaluated on one series' window: what its condition reads (the rollup's metrics, of one resource for
 * per-resource metrics, and the remembered values of increase()) and, worked out only when asked, the series'
 * tags, the alert's labels and its fingerprint. Most evaluations never ask: a condition that does not hold for a
 * rule without states, or an increase() that is zero whatever came before, needs no fingerprint (a SHA-256 over
 * the labels). One instance per processor, set before each evaluation.
 */
final class SeriesWindow implements Expression.Window {
    private final StateIndex index;
    private Rollup rollup;
    private Map<String, String> tags;
    private String resource;
    private Rule rule;
    private Map<String, String> labels;
    private String fingerprint;

    SeriesWindow(StateIndex index) {
        this.index = index;
    }

    /** The rule and series to evaluate next; the tags are kept while the rollup stays the same. */
    void set(Rollup window, String resourceId, Rule evaluated) {
        if (window != rollup) {
            tags = null;
        }
        this.rollup = window;
        this.resource = resourceId;
        this.rule = evaluated;
        this.labels = null;
        this.fingerprint = null;
    }

    Rollup rollup() {
        return rollup;
    }

    /** The series' tags (without the resource). */
    Map<String, String> tags() {
        if (tags == null) {
            tags = Tags.of(rollup.key());
        }
        return tags;
    }

    /** The alert's labels: the rule's, the series' tags and the resource. */
    Map<String, String> labels() {
        if (labels == null) {
            var seriesTags = tags();
            if (resource != null) {
                seriesTags = new LinkedHashMap<>(seriesTags);
                seriesTags.put(Tags.RESOURCE_ID, resource);
            }
            labels = Transitions.labels(rule, seriesTags);
        }
        return labels;
    }

    String fingerprint() {
        if (fingerprint == null) {
            fingerprint = Fingerprint.of(labels());
        }
        return fingerprint;
    }

    /** True once the fingerprint was worked out for this evaluation. */
    boolean hasFingerprint() {
        return fingerprint != null;
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
        return index.previousLast(fingerprint() + "/" + metric, rollup.windowEnd());
    }
}
