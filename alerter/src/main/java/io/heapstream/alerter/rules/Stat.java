package io.heapstream.alerter.rules;

import io.heapstream.model.rollup.MetricStats;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/** The statistics a rollup carries per metric and window ({@link MetricStats}), as a condition names them. */
public enum Stat {
    COUNT(s -> s.count()), AVG(MetricStats::avg), MIN(MetricStats::min), MAX(MetricStats::max),
    LAST(MetricStats::last);

    private final ToDoubleFunction<MetricStats> read;

    Stat(ToDoubleFunction<MetricStats> read) {
        this.read = read;
    }

    public double of(MetricStats stats) {
        return read.applyAsDouble(stats);
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The statistic of that name, or {@code null}. */
    public static Stat byId(String id) {
        for (Stat s : values()) {
            if (s.id().equals(id)) {
                return s;
            }
        }
        return null;
    }
}
