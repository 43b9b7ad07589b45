package io.heapstream.aggregator.sample;

import io.heapstream.model.MetricCatalogue;
import io.heapstream.model.MetricCatalogue.Kind;
import io.heapstream.model.MetricCatalogue.Metric;

/**
 * The kubelet counters the aggregator turns into per-second rates, each with its catalogue rate (the rate's name
 * and its divisor from counter units per second are the catalogue's). The ordinals are the counters' codes in the
 * state store's samples and baselines: only append.
 */
public enum RateMetric {
    CPU(MetricCatalogue.CPU_USAGE_RATE),
    PAGE_FAULTS(MetricCatalogue.MEMORY_PAGE_FAULTS_RATE),
    MAJOR_PAGE_FAULTS(MetricCatalogue.MEMORY_MAJOR_PAGE_FAULTS_RATE),
    RX(MetricCatalogue.NETWORK_RX_RATE),
    TX(MetricCatalogue.NETWORK_TX_RATE),
    RX_ERRORS(MetricCatalogue.NETWORK_RX_ERRORS_RATE),
    TX_ERRORS(MetricCatalogue.NETWORK_TX_ERRORS_RATE);

    private static final RateMetric[] VALUES = values();

    private final String rateName;
    private final String counterName;
    private final double divisor;

    RateMetric(Metric rate) {
        if (rate.kind() != Kind.RATE) {
            throw new IllegalArgumentException("not a rate in the catalogue: " + rate.name());
        }
        this.rateName = rate.name();
        this.counterName = rate.source().name();
        this.divisor = rate.scale();
    }

    public String rateName() {
        return rateName;
    }

    /** The catalogue's cumulative metric the rate is computed from, e.g. {@code cpu/usage}. */
    public String counterName() {
        return counterName;
    }

    public double divisor() {
        return divisor;
    }

    public static RateMetric of(int ordinal) {
        return VALUES[ordinal];
    }
}
