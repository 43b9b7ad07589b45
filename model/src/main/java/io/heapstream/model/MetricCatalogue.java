package io.heapstream.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Heapster's metric catalogue, with Heapster's names and units. The aggregator emits these names, the writer
 * maps them to InfluxDB, the dashboards query them: one list, so the stages cannot drift apart.
 */
public final class MetricCatalogue {

    /** How a metric behaves over time. */
    public enum Kind {
        /** A value at a point in time. */
        GAUGE,
        /** A counter that only grows until its source restarts. */
        CUMULATIVE,
        /** Per-second rate derived from a {@link #CUMULATIVE} metric. */
        RATE
    }

    /** One metric: Heapster's name, its unit, its kind, whether it is per resource ({@code resource_id}). */
    public record Metric(String name, String unit, Kind kind, boolean perResource) { }

    public static final Metric CPU_USAGE = m("cpu/usage", "ns", Kind.CUMULATIVE);
    public static final Metric CPU_USAGE_RATE = m("cpu/usage_rate", "millicores", Kind.RATE);
    public static final Metric CPU_REQUEST = m("cpu/request", "millicores", Kind.GAUGE);
    public static final Metric CPU_LIMIT = m("cpu/limit", "millicores", Kind.GAUGE);
    public static final Metric CPU_NODE_CAPACITY = m("cpu/node_capacity", "millicores", Kind.GAUGE);
    public static final Metric CPU_NODE_ALLOCATABLE = m("cpu/node_allocatable", "millicores", Kind.GAUGE);
    public static final Metric CPU_NODE_RESERVATION = m("cpu/node_reservation", "ratio", Kind.GAUGE);
    public static final Metric CPU_NODE_UTILIZATION = m("cpu/node_utilization", "ratio", Kind.GAUGE);

    public static final Metric MEMORY_USAGE = m("memory/usage", "bytes", Kind.GAUGE);
    public static final Metric MEMORY_WORKING_SET = m("memory/working_set", "bytes", Kind.GAUGE);
    public static final Metric MEMORY_RSS = m("memory/rss", "bytes", Kind.GAUGE);
    public static final Metric MEMORY_CACHE = m("memory/cache", "bytes", Kind.GAUGE);
    public static final Metric MEMORY_PAGE_FAULTS = m("memory/page_faults", "count", Kind.CUMULATIVE);
    public static final Metric MEMORY_PAGE_FAULTS_RATE = m("memory/page_faults_rate", "per second", Kind.RATE);
    public static final Metric MEMORY_MAJOR_PAGE_FAULTS = m("memory/major_page_faults", "count", Kind.CUMULATIVE);
    public static final Metric MEMORY_MAJOR_PAGE_FAULTS_RATE =
            m("memory/major_page_faults_rate", "per second", Kind.RATE);
    public static final Metric MEMORY_REQUEST = m("memory/request", "bytes", Kind.GAUGE);
    public static final Metric MEMORY_LIMIT = m("memory/limit", "bytes", Kind.GAUGE);
    public static final Metric MEMORY_NODE_CAPACITY = m("memory/node_capacity", "bytes", Kind.GAUGE);
    public static final Metric MEMORY_NODE_ALLOCATABLE = m("memory/node_allocatable", "bytes", Kind.GAUGE);
    public static final Metric MEMORY_NODE_RESERVATION = m("memory/node_reservation", "ratio", Kind.GAUGE);
    public static final Metric MEMORY_NODE_UTILIZATION = m("memory/node_utilization", "ratio", Kind.GAUGE);

    public static final Metric NETWORK_RX = m("network/rx", "bytes", Kind.CUMULATIVE);
    public static final Metric NETWORK_RX_RATE = m("network/rx_rate", "bytes per second", Kind.RATE);
    public static final Metric NETWORK_RX_ERRORS = m("network/rx_errors", "count", Kind.CUMULATIVE);
    public static final Metric NETWORK_RX_ERRORS_RATE = m("network/rx_errors_rate", "per second", Kind.RATE);
    public static final Metric NETWORK_TX = m("network/tx", "bytes", Kind.CUMULATIVE);
    public static final Metric NETWORK_TX_RATE = m("network/tx_rate", "bytes per second", Kind.RATE);
    public static final Metric NETWORK_TX_ERRORS = m("network/tx_errors", "count", Kind.CUMULATIVE);
    public static final Metric NETWORK_TX_ERRORS_RATE = m("network/tx_errors_rate", "per second", Kind.RATE);

    public static final Metric FILESYSTEM_USAGE = r("filesystem/usage", "bytes");
    public static final Metric FILESYSTEM_LIMIT = r("filesystem/limit", "bytes");
    public static final Metric FILESYSTEM_AVAILABLE = r("filesystem/available", "bytes");
    public static final Metric FILESYSTEM_INODES = r("filesystem/inodes", "count");
    public static final Metric FILESYSTEM_INODES_FREE = r("filesystem/inodes_free", "count");

    public static final Metric EPHEMERAL_STORAGE_USAGE = m("ephemeral_storage/usage", "bytes", Kind.GAUGE);
    public static final Metric EPHEMERAL_STORAGE_AVAILABLE = m("ephemeral_storage/available", "bytes", Kind.GAUGE);
    public static final Metric EPHEMERAL_STORAGE_CAPACITY = m("ephemeral_storage/capacity", "bytes", Kind.GAUGE);

    public static final Metric UPTIME = m("uptime", "ms", Kind.CUMULATIVE);
    public static final Metric RESTART_COUNT = m("restart_count", "count", Kind.GAUGE);

    public static final Metric ACCELERATOR_MEMORY_TOTAL = r("accelerator/memory_total", "bytes");
    public static final Metric ACCELERATOR_MEMORY_USED = r("accelerator/memory_used", "bytes");
    public static final Metric ACCELERATOR_DUTY_CYCLE = r("accelerator/duty_cycle", "percent");

    private static final Map<String, Metric> BY_NAME = new LinkedHashMap<>();

    static {
        for (var field : MetricCatalogue.class.getDeclaredFields()) {
            if (field.getType() == Metric.class) {
                try {
                    var metric = (Metric) field.get(null);
                    BY_NAME.put(metric.name(), metric);
                } catch (IllegalAccessException e) {
                    throw new ExceptionInInitializerError(e);
                }
            }
        }
    }

    private MetricCatalogue() { }

    /** Every metric, in declaration order. */
    public static List<Metric> all() {
        return List.copyOf(BY_NAME.values());
    }

    /** The metric of that name, or {@code null} when the catalogue has none. */
    public static Metric byName(String name) {
        return BY_NAME.get(name);
    }

    private static Metric m(String name, String unit, Kind kind) {
        return new Metric(name, unit, kind, false);
    }

    private static Metric r(String name, String unit) {
        return new Metric(name, unit, Kind.GAUGE, true);
    }
}
