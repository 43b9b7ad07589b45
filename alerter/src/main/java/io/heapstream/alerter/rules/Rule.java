package io.heapstream.alerter.rules;

import static java.util.Objects.requireNonNull;

import io.heapstream.model.rollup.Level;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One alerting rule, checked ({@link RuleFile}). Either a {@code condition} over each window of the selected
 * series, or {@code absentFor}: the deadman, firing when a series that reported stops for that long.
 *
 * @param name          the alert's name ({@code alertname})
 * @param level         the level whose series it watches
 * @param matchers      all must match the series' tags
 * @param condition     the condition, or {@code null} for an absence rule
 * @param absentFor     for an absence rule: how long a series may stay silent; otherwise {@code null}
 * @param forDuration   how long the condition must hold before firing (zero: at once)
 * @param forWindows    the same in windows of the rollup's resolution, when given so (0 otherwise)
 * @param keepFiringFor how long a firing alert stays firing after its condition stopped holding
 * @param severity      the {@code severity} label
 * @param labels        extra labels
 * @param annotations   templates ({@link Templates})
 */
public record Rule(String name, Level level, List<Matcher> matchers, Expression condition, Duration absentFor,
                   Duration forDuration, int forWindows, Duration keepFiringFor, String severity,
                   Map<String, String> labels, Map<String, String> annotations) {
    public Rule {
        requireNonNull(name, "name");
        requireNonNull(level, "level");
        matchers = List.copyOf(matchers);
        labels = Map.copyOf(labels);
        annotations = Map.copyOf(annotations);
        if ((condition == null) == (absentFor == null)) {
            throw new IllegalArgumentException("a rule has either a condition or absent_for");
        }
    }

    public boolean isAbsence() {
        return absentFor != null;
    }

    /** How long the condition must hold, for rollups of that resolution. */
    public Duration holdFor(Duration resolution) {
        return forWindows > 0 ? resolution.multipliedBy(forWindows) : forDuration;
    }

    /** True when the condition reads a per-resource metric: the rule is evaluated once per resource. */
    public boolean perResource() {
        return condition != null && condition.metrics().stream().anyMatch(MetricNames::perResource);
    }

    public boolean selects(Level seriesLevel, Map<String, String> tags) {
        if (seriesLevel != level) {
            return false;
        }
        for (Matcher m : matchers) {
            if (!m.matches(tags)) {
                return false;
            }
        }
        return true;
    }
}
