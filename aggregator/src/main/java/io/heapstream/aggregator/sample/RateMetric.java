package io.heapstream.aggregator.sample;

/**
 * The counters the aggregator turns into per-second rates, with the rate's name and the divisor from
 * counter units per second to the rate's unit (CPU: core-nanoseconds per second are nanocores, /1e6 →
 * millicores).
 */
public enum RateMetric {
    CPU("cpu/usage_rate", 1e6),
    PAGE_FAULTS("memory/page_faults_rate", 1.0),
    MAJOR_PAGE_FAULTS("memory/major_page_faults_rate", 1.0),
    RX("network/rx_rate", 1.0),
    TX("network/tx_rate", 1.0),
    RX_ERRORS("network/rx_errors_rate", 1.0),
    TX_ERRORS("network/tx_errors_rate", 1.0);

    private static final RateMetric[] VALUES = values();

    private final String rateName;
    private final double divisor;

    RateMetric(String rateName, double divisor) {
        this.rateName = rateName;
        this.divisor = divisor;
    }

    public String rateName() {
        return rateName;
    }

    public double divisor() {
        return divisor;
    }

    public static RateMetric of(int ordinal) {
        return VALUES[ordinal];
    }
}
