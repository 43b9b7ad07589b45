package io.heapstream.alerter.rules;

import io.heapstream.model.MetricCatalogue;
import java.util.Comparator;

/**
 * The alerter's one view of the model's metric catalogue: whether a name exists and whether it is per
 * resource. Every other class of the alerter asks here, so a change of the catalogue's API is one edit.
 */
public final class MetricNames {
    private MetricNames() { }

    public static boolean exists(String name) {
        return MetricCatalogue.byName(name) != null;
    }

    /** True for metrics reported once per {@code resourceId} (filesystems, accelerators). */
    public static boolean perResource(String name) {
        var m = MetricCatalogue.byName(name);
        return m != null && m.perResource();
    }

    /** {@code " (did you mean memory/working_set?)"} for a near miss, else a pointer to the list. */
    static String suggestion(String name) {
        var tail = name.substring(name.lastIndexOf('/') + 1);
        return MetricCatalogue.all().stream().map(MetricCatalogue.Metric::name)
                .filter(n -> n.endsWith("/" + tail) || n.equals(tail) || n.startsWith(name) || name.startsWith(n))
                .min(Comparator.comparingInt(String::length))
                .map(n -> " (did you mean " + n + "?)")
                .orElse(" (the metrics are listed in docs/alerts.md)");
    }
}
