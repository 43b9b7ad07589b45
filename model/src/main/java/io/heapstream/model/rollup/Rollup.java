package io.heapstream.model.rollup;

import io.heapstream.model.SortedMaps;
import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The final statistics of one series over one window: the value of a record on a rollup topic.
 *
 * @param schemaVersion {@link #SCHEMA_VERSION} when written by this version
 * @param key           the series (same as the record key)
 * @param resolution    the window length, e.g. {@code PT1M}
 * @param windowStart   inclusive start of the window
 * @param windowEnd     exclusive end of the window
 * @param metrics       one entry per metric (and resource) that had at least one value in the window
 * @param labels        pod labels (pod and container levels), the Node's (node level), when known; otherwise empty
 * @param image         container image (container level, when known)
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Rollup(int schemaVersion, RollupKey key, Duration resolution, Instant windowStart, Instant windowEnd,
                     List<MetricStats> metrics, Map<String, String> labels, String image) {
    public static final int SCHEMA_VERSION = 1;

    public Rollup {
        requireNonNull(key, "key");
        requireNonNull(resolution, "resolution");
        requireNonNull(windowStart, "windowStart");
        requireNonNull(windowEnd, "windowEnd");
        metrics = metrics == null ? List.of() : List.copyOf(metrics);
        labels = SortedMaps.copyOf(labels);
    }

    /** The statistics of a metric without resource, or {@code null} when the window had none. */
    public MetricStats metric(String name) {
        for (MetricStats m : metrics) {
            if (m.name().equals(name) && m.resourceId() == null) {
                return m;
            }
        }
        return null;
    }
}
