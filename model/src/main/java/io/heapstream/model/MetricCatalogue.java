package io.heapstream.model;

import static io.heapstream.model.MetricCatalogue.Sum.CLUSTER;
import static io.heapstream.model.MetricCatalogue.Sum.NAMESPACE;
import static io.heapstream.model.MetricCatalogue.Sum.NODE;
import static io.heapstream.model.MetricCatalogue.Sum.POD;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Heapster's metric catalogue, the one rule table of the pipeline: each metric's Heapster name, unit, kind, the
 * type of its InfluxDB value and which levels sum it. The aggregator computes and sums what this says, the writer
 * types and names the fields from it, the dashboards query these names; a new metric is one line here.
 */
public final class MetricCatalogue {

    /** How a metric behaves over time. */
    public enum Kind {
        /** A value at a point in time. */
        GAUGE,
        /** A counter that only grows until its source restarts. */
        CUMULATIVE,
        /** Per-second rate of {@link Metric#source()}, a {@link #CUMULATIVE} metric, divided by the scale. */
        RATE,
        /** {@link Metric#source()} divided by {@link Metric#denominator()}, both of the same series and slot. */
        RATIO
    }

    /** The type of the {@code value} field Heapster's InfluxDB sink wrote, which a shared database must keep. */
    public enum ValueType { INTEGER, FLOAT }

    /** A level whose value of a metric is the sum of its parts' values in the same scrape slot. */
    public enum Sum {
        /** A pod's value is the sum of its containers', where the pod's own stats lack it (Heapster's rule). */
        POD,
        /** A node's value is the sum of its pods' (only where the kubelet reports no node value). */
        NODE,
        /** Namespaces and workloads sum their pods'. */
        NAMESPACE,
        /** Clusters and the fleet sum their nodes'. */
        CLUSTER
    }

    /**
     * One metric.
     *
     * @param name        Heapster's name, e.g. {@code cpu/usage_rate}: the rollup's metric name and InfluxDB's
     *                    measurement (the native schema's field prefix replaces '/' by '_')
     * @param perResource whether it is per resource ({@code resource_id}: a filesystem, an accelerator)
     * @param source      what a {@link Kind#RATE} or {@link Kind#RATIO} is computed from, else {@code null}
     * @param scale       a rate's divisor from counter units per second to its unit (1 for other kinds)
     * @param denominator a {@link Kind#RATIO}'s denominator, else {@code null}
     * @param sums        the levels that sum it (empty: no level sums it)
     */
    public record Metric(String name, String unit, Kind kind, boolean perResource, ValueType valueType,
                         Metric source, double scale, Metric denominator, Set<Sum> sums) {
        public Metric {
            sums = Set.copyOf(sums);
        }

        /** The same metric, summed by these levels. */
        Metric into(Sum... levels) {
            return new Metric(name, unit, kind, perResource, valueType, source, scale, denominator, Set.of(levels));
        }

        /** The same metric, a float in InfluxDB (Heapster's type for it). */
        Metric floating() {
            return new Metric(name, unit, kind, perResource, ValueType.FLOAT, source, scale, denominator, sums);
        }
    }

    public static final Metric CPU_USAGE = counter("cpu/usage", "ns");
    public static final Metric CPU_USAGE_RATE =
            rate("cpu/usage_rate", "millicores", CPU_USAGE, 1e6).into(POD, NAMESPACE, CLUSTER);
    public static final Metric CPU_REQUEST = gauge("cpu/request", "millicores").into(POD, NODE, NAMESPACE, CLUSTER);
    public static final Metric CPU_LIMIT = gauge("cpu/limit", "millicores").into(POD, NODE, NAMESPACE, CLUSTER);
    public static final Metric CPU_NODE_CAPACITY = gauge("cpu/node_capacity", "millicores").floating().into(CLUSTER);
    public static final Metric CPU_NODE_ALLOCATABLE =
            gauge("cpu/node_allocatable", "millicores").floating().into(CLUSTER);
    public static final Metric CPU_NODE_RESERVATION = ratio("cpu/node_reservation", CPU_REQUEST, CPU_NODE_ALLOCATABLE);
    public static final Metric CPU_NODE_UTILIZATION =
            ratio("cpu/node_utilization", CPU_USAGE_RATE, CPU_NODE_ALLOCATABLE);

    public static final Metric MEMORY_USAGE = gauge("memory/usage", "bytes").into(POD, NAMESPACE, CLUSTER);
    public static final Metric MEMORY_WORKING_SET = gauge("memory/working_set", "bytes").into(POD, NAMESPACE, CLUSTER);
    public static final Metric MEMORY_RSS = gauge("memory/rss", "bytes").into(POD, NAMESPACE, CLUSTER);
    public static final Metric MEMORY_CACHE = gauge("memory/cache", "bytes");
    public static final Metric MEMORY_PAGE_FAULTS = counter("memory/page_faults", "count");
    public static final Metric MEMORY_PAGE_FAULTS_RATE = rate("memory/page_faults_rate", "per second",
            MEMORY_PAGE_FAULTS, 1).floating().into(POD, NAMESPACE, CLUSTER);
    public static final Metric MEMORY_MAJOR_PAGE_FAULTS = counter("memory/major_page_faults", "count");
    public static final Metric MEMORY_MAJOR_PAGE_FAULTS_RATE = rate("memory/major_page_faults_rate", "per second",
            MEMORY_MAJOR_PAGE_FAULTS, 1).floating().into(POD, NAMESPACE, CLUSTER);
    public static final Metric MEMORY_REQUEST = gauge("memory/request", "bytes").into(POD, NODE, NAMESPACE, CLUSTER);
    public static final Metric MEMORY_LIMIT = gauge("memory/limit", "bytes").into(POD, NODE, NAMESPACE, CLUSTER);
    public static final Metric MEMORY_NODE_CAPACITY = gauge("memory/node_capacity", "bytes").floating().into(CLUSTER);
    public static final Metric MEMORY_NODE_ALLOCATABLE =
            gauge("memory/node_allocatable", "bytes").floating().into(CLUSTER);
    public static final Metric MEMORY_NODE_RESERVATION =
            ratio("memory/node_reservation", MEMORY_REQUEST, MEMORY_NODE_ALLOCATABLE);
    public static final Metric MEMORY_NODE_UTILIZATION =
            ratio("memory/node_utilization", MEMORY_USAGE, MEMORY_NODE_ALLOCATABLE);

    // network exists at pod and node level only, as in Heapster: no container sums it into its pod
    public static final Metric NETWORK_RX = counter("network/rx", "bytes");
    public static final Metric NETWORK_RX_RATE =
            rate("network/rx_rate", "bytes per second", NETWORK_RX, 1).floating().into(NAMESPACE, CLUSTER);
    public static final Metric NETWORK_RX_ERRORS = counter("network/rx_errors", "count");
    public static final Metric NETWORK_RX_ERRORS_RATE =
            rate("network/rx_errors_rate", "per second", NETWORK_RX_ERRORS, 1).floating().into(NAMESPACE, CLUSTER);
    public static final Metric NETWORK_TX = counter("network/tx", "bytes");
    public static final Metric NETWORK_TX_RATE =
            rate("network/tx_rate", "bytes per second", NETWORK_TX, 1).floating().into(NAMESPACE, CLUSTER);
    public static final Metric NETWORK_TX_ERRORS = counter("network/tx_errors", "count");
    public static final Metric NETWORK_TX_ERRORS_RATE =
            rate("network/tx_errors_rate", "per second", NETWORK_TX_ERRORS, 1).floating().into(NAMESPACE, CLUSTER);

    public static final Metric FILESYSTEM_USAGE = perResource("filesystem/usage", "bytes").into(CLUSTER);
    public static final Metric FILESYSTEM_LIMIT = perResource("filesystem/limit", "bytes").into(CLUSTER);
    public static final Metric FILESYSTEM_AVAILABLE = perResource("filesystem/available", "bytes").into(CLUSTER);
    public static final Metric FILESYSTEM_INODES = perResource("filesystem/inodes", "count");
    public static final Metric FILESYSTEM_INODES_FREE = perResource("filesystem/inodes_free", "count");

    public static final Metric EPHEMERAL_STORAGE_USAGE = gauge("ephemeral_storage/usage", "bytes").into(POD, NAMESPACE);
    public static final Metric EPHEMERAL_STORAGE_REQUEST =
            gauge("ephemeral_storage/request", "bytes").into(POD, NODE);
    public static final Metric EPHEMERAL_STORAGE_LIMIT = gauge("ephemeral_storage/limit", "bytes").into(POD, NODE);
    public static final Metric EPHEMERAL_STORAGE_NODE_CAPACITY =
            gauge("ephemeral_storage/node_capacity", "bytes").floating();
    public static final Metric EPHEMERAL_STORAGE_NODE_ALLOCATABLE =
            gauge("ephemeral_storage/node_allocatable", "bytes").floating();
    public static final Metric EPHEMERAL_STORAGE_NODE_RESERVATION =
            ratio("ephemeral_storage/node_reservation", EPHEMERAL_STORAGE_REQUEST, EPHEMERAL_STORAGE_NODE_ALLOCATABLE);
    public static final Metric EPHEMERAL_STORAGE_NODE_UTILIZATION =
            ratio("ephemeral_storage/node_utilization", EPHEMERAL_STORAGE_USAGE, EPHEMERAL_STORAGE_NODE_ALLOCATABLE);
    public static final Metric EPHEMERAL_STORAGE_AVAILABLE = gauge("ephemeral_storage/available", "bytes");
    public static final Metric EPHEMERAL_STORAGE_CAPACITY = gauge("ephemeral_storage/capacity", "bytes");

    /** Heapster called uptime cumulative; it is computed per slot from the start time, not as a rate. */
    public static final Metric UPTIME = counter("uptime", "ms");
    public static final Metric RESTART_COUNT = gauge("restart_count", "count").into(POD, NAMESPACE);

    public static final Metric ACCELERATOR_MEMORY_TOTAL = perResource("accelerator/memory_total", "bytes");
    public static final Metric ACCELERATOR_MEMORY_USED = perResource("accelerator/memory_used", "bytes");
    public static final Metric ACCELERATOR_DUTY_CYCLE = perResource("accelerator/duty_cycle", "percent");

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

    private static Metric gauge(String name, String unit) {
        return new Metric(name, unit, Kind.GAUGE, false, ValueType.INTEGER, null, 1, null, Set.of());
    }

    private static Metric perResource(String name, String unit) {
        return new Metric(name, unit, Kind.GAUGE, true, ValueType.INTEGER, null, 1, null, Set.of());
    }

    private static Metric counter(String name, String unit) {
        return new Metric(name, unit, Kind.CUMULATIVE, false, ValueType.INTEGER, null, 1, null, Set.of());
    }

    private static Metric rate(String name, String unit, Metric counter, double scale) {
        return new Metric(name, unit, Kind.RATE, false, ValueType.INTEGER, counter, scale, null, Set.of());
    }

    /** Heapster's node reservation and utilization: fractions (0.25 = 25 %), floats in InfluxDB. */
    private static Metric ratio(String name, Metric numerator, Metric denominator) {
        return new Metric(name, "ratio", Kind.RATIO, false, ValueType.FLOAT, numerator, 1, denominator, Set.of());
    }
}
