package io.heapstream.model.rollup;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Statistics of one metric of one series over one window, over the scrape grid. For an aggregate level they
 * are statistics of the level's total per scrape slot (docs/rollup-semantics.md): {@code max} of a namespace's
 * memory is the peak of the namespace's summed memory.
 *
 * @param name       a metric of {@link io.heapstream.model.MetricCatalogue}, e.g. {@code cpu/usage_rate}
 * @param resourceId for per-resource metrics (filesystems, accelerators): which one; otherwise {@code null}
 * @param count      scrape slots in the window that had a value
 * @param avg        mean of those values
 * @param min        smallest value
 * @param max        largest value
 * @param last       value of the latest slot in the window
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MetricStats(String name, String resourceId, long count, double avg, double min, double max,
                          double last) {
    /**
     * The resource of a cluster's metrics summed over its pods (Heapster's cluster) rather than over its nodes
     * (the same metric without resource): nodes count system overhead that no pod has (docs/rollup-semantics.md).
     */
    public static final String PODS_TOTAL = "pods";

    public MetricStats {
        requireNonNull(name, "name");
        if (count < 1) {
            throw new IllegalArgumentException("count must be positive for " + name + ", was " + count);
        }
    }

    /** Sum of the window's values, recovered from count and average (coarser resolutions re-weight by it). */
    public double sum() {
        return avg * count;
    }
}
