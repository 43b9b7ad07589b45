package io.heapstream.aggregator;

import io.heapstream.model.rollup.Level;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;

/**
 * Registers the aggregator's own meters (package-private in the aggregator) as its service does, so that the
 * health dashboard's test sees the names Prometheus would. Test code of the deploy module only.
 */
public final class AggregatorMetersForDashboards {
    private AggregatorMetersForDashboards() { }

    public static void register(MeterRegistry registry) {
        var metrics = new AggregatorMetrics(registry);
        // Emitted-window counters are registered per level and resolution on first use.
        metrics.emitted(Level.POD, Duration.ofMinutes(1));
    }
}
