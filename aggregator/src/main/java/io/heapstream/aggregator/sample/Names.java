package io.heapstream.aggregator.sample;

import io.heapstream.model.MetricCatalogue;
import java.util.List;

/** The catalogue names the aggregator emits, and which of them add up to a level's total. */
public final class Names {
    public static final String CPU_USAGE_RATE = MetricCatalogue.CPU_USAGE_RATE.name();
    public static final String CPU_REQUEST = MetricCatalogue.CPU_REQUEST.name();
    public static final String CPU_LIMIT = MetricCatalogue.CPU_LIMIT.name();
    public static final String CPU_NODE_CAPACITY = MetricCatalogue.CPU_NODE_CAPACITY.name();
    public static final String CPU_NODE_ALLOCATABLE = MetricCatalogue.CPU_NODE_ALLOCATABLE.name();
    public static final String CPU_NODE_RESERVATION = MetricCatalogue.CPU_NODE_RESERVATION.name();
    public static final String CPU_NODE_UTILIZATION = MetricCatalogue.CPU_NODE_UTILIZATION.name();
    public static final String MEMORY_USAGE = MetricCatalogue.MEMORY_USAGE.name();
    public static final String MEMORY_WORKING_SET = MetricCatalogue.MEMORY_WORKING_SET.name();
    public static final String MEMORY_RSS = MetricCatalogue.MEMORY_RSS.name();
    public static final String MEMORY_PAGE_FAULTS_RATE = MetricCatalogue.MEMORY_PAGE_FAULTS_RATE.name();
    public static final String MEMORY_MAJOR_PAGE_FAULTS_RATE = MetricCatalogue.MEMORY_MAJOR_PAGE_FAULTS_RATE.name();
    public static final String MEMORY_REQUEST = MetricCatalogue.MEMORY_REQUEST.name();
    public static final String MEMORY_LIMIT = MetricCatalogue.MEMORY_LIMIT.name();
    public static final String MEMORY_NODE_CAPACITY = MetricCatalogue.MEMORY_NODE_CAPACITY.name();
    public static final String MEMORY_NODE_ALLOCATABLE = MetricCatalogue.MEMORY_NODE_ALLOCATABLE.name();
    public static final String MEMORY_NODE_RESERVATION = MetricCatalogue.MEMORY_NODE_RESERVATION.name();
    public static final String MEMORY_NODE_UTILIZATION = MetricCatalogue.MEMORY_NODE_UTILIZATION.name();
    public static final String NETWORK_RX_RATE = MetricCatalogue.NETWORK_RX_RATE.name();
    public static final String NETWORK_TX_RATE = MetricCatalogue.NETWORK_TX_RATE.name();
    public static final String NETWORK_RX_ERRORS_RATE = MetricCatalogue.NETWORK_RX_ERRORS_RATE.name();
    public static final String NETWORK_TX_ERRORS_RATE = MetricCatalogue.NETWORK_TX_ERRORS_RATE.name();
    public static final String FS_USAGE = MetricCatalogue.FILESYSTEM_USAGE.name();
    public static final String FS_LIMIT = MetricCatalogue.FILESYSTEM_LIMIT.name();
    public static final String FS_AVAILABLE = MetricCatalogue.FILESYSTEM_AVAILABLE.name();
    public static final String FS_INODES = MetricCatalogue.FILESYSTEM_INODES.name();
    public static final String FS_INODES_FREE = MetricCatalogue.FILESYSTEM_INODES_FREE.name();
    public static final String EPHEMERAL_USAGE = MetricCatalogue.EPHEMERAL_STORAGE_USAGE.name();
    public static final String EPHEMERAL_AVAILABLE = MetricCatalogue.EPHEMERAL_STORAGE_AVAILABLE.name();
    public static final String EPHEMERAL_CAPACITY = MetricCatalogue.EPHEMERAL_STORAGE_CAPACITY.name();
    public static final String UPTIME = MetricCatalogue.UPTIME.name();
    public static final String RESTART_COUNT = MetricCatalogue.RESTART_COUNT.name();
    public static final String ACCELERATOR_MEMORY_TOTAL = MetricCatalogue.ACCELERATOR_MEMORY_TOTAL.name();
    public static final String ACCELERATOR_MEMORY_USED = MetricCatalogue.ACCELERATOR_MEMORY_USED.name();
    public static final String ACCELERATOR_DUTY_CYCLE = MetricCatalogue.ACCELERATOR_DUTY_CYCLE.name();

    /** A pod's CPU and memory are the sums of its containers' values of these. */
    public static final List<String> CONTAINER_TO_POD = List.of(CPU_USAGE_RATE, MEMORY_USAGE, MEMORY_WORKING_SET,
            MEMORY_RSS, MEMORY_PAGE_FAULTS_RATE, MEMORY_MAJOR_PAGE_FAULTS_RATE, CPU_REQUEST, CPU_LIMIT,
            MEMORY_REQUEST, MEMORY_LIMIT, RESTART_COUNT);
    /** Namespaces and workloads sum these pod values per slot. */
    public static final List<String> POD_TO_TOTAL = List.of(CPU_USAGE_RATE, MEMORY_USAGE, MEMORY_WORKING_SET,
            MEMORY_RSS, MEMORY_PAGE_FAULTS_RATE, MEMORY_MAJOR_PAGE_FAULTS_RATE, NETWORK_RX_RATE, NETWORK_TX_RATE,
            NETWORK_RX_ERRORS_RATE, NETWORK_TX_ERRORS_RATE, CPU_REQUEST, CPU_LIMIT, MEMORY_REQUEST, MEMORY_LIMIT,
            RESTART_COUNT, EPHEMERAL_USAGE);
    /** A node's requests and limits are the sums of its pods'. */
    public static final List<String> POD_TO_NODE = List.of(CPU_REQUEST, CPU_LIMIT, MEMORY_REQUEST, MEMORY_LIMIT);
    /** Clusters and the fleet sum these node values per slot, plus the nodes' filesystem usage/limit/available. */
    public static final List<String> NODE_TO_TOTAL = List.of(CPU_USAGE_RATE, MEMORY_USAGE, MEMORY_WORKING_SET,
            MEMORY_RSS, MEMORY_PAGE_FAULTS_RATE, MEMORY_MAJOR_PAGE_FAULTS_RATE, NETWORK_RX_RATE, NETWORK_TX_RATE,
            NETWORK_RX_ERRORS_RATE, NETWORK_TX_ERRORS_RATE, CPU_REQUEST, CPU_LIMIT, MEMORY_REQUEST, MEMORY_LIMIT,
            CPU_NODE_CAPACITY, CPU_NODE_ALLOCATABLE, MEMORY_NODE_CAPACITY, MEMORY_NODE_ALLOCATABLE);

    /** The same lists as sets, for the per-sample lookups. */
    public static final NameSet CONTAINER_TO_POD_SET = new NameSet(CONTAINER_TO_POD);
    public static final NameSet POD_TO_TOTAL_SET = new NameSet(POD_TO_TOTAL);
    public static final NameSet POD_TO_NODE_SET = new NameSet(POD_TO_NODE);
    private static final NameSet NODE_TO_TOTAL_SET = new NameSet(NODE_TO_TOTAL);

    private Names() { }

    /** Whether a node metric id adds up into its cluster's total. */
    public static boolean nodeToTotal(String id) {
        if (NODE_TO_TOTAL_SET.contains(id)) {
            return true;
        }
        // a per-resource id: its name without cutting it out of the id
        int end = id.indexOf('\0');
        return end >= 0 && (isName(id, end, FS_USAGE) || isName(id, end, FS_LIMIT) || isName(id, end, FS_AVAILABLE));
    }

    private static boolean isName(String id, int end, String name) {
        return end == name.length() && id.startsWith(name);
    }

    /** Heapster's reservation and utilization of a node (or of a cluster's totals), in place. */
    public static void deriveRatios(MetricValues v) {
        ratio(v, CPU_NODE_RESERVATION, CPU_REQUEST, CPU_NODE_ALLOCATABLE);
        ratio(v, CPU_NODE_UTILIZATION, CPU_USAGE_RATE, CPU_NODE_ALLOCATABLE);
        ratio(v, MEMORY_NODE_RESERVATION, MEMORY_REQUEST, MEMORY_NODE_ALLOCATABLE);
        ratio(v, MEMORY_NODE_UTILIZATION, MEMORY_USAGE, MEMORY_NODE_ALLOCATABLE);
    }

    private static void ratio(MetricValues v, String name, String numerator, String denominator) {
        double n = v.get(numerator);
        double d = v.get(denominator);
        if (!Double.isNaN(n) && !Double.isNaN(d) && d != 0) {
            v.put(name, n / d);
        }
    }
}
