package io.heapstream.aggregator.sample;

import io.heapstream.model.MetricCatalogue;

/** Short handles on catalogue names for the aggregator's tests: the catalogue's own String instances. */
public final class Names {
    public static final String CPU_USAGE_RATE = MetricCatalogue.CPU_USAGE_RATE.name();
    public static final String CPU_REQUEST = MetricCatalogue.CPU_REQUEST.name();
    public static final String CPU_NODE_CAPACITY = MetricCatalogue.CPU_NODE_CAPACITY.name();
    public static final String MEMORY_USAGE = MetricCatalogue.MEMORY_USAGE.name();
    public static final String MEMORY_WORKING_SET = MetricCatalogue.MEMORY_WORKING_SET.name();
    public static final String MEMORY_RSS = MetricCatalogue.MEMORY_RSS.name();
    public static final String MEMORY_NODE_ALLOCATABLE = MetricCatalogue.MEMORY_NODE_ALLOCATABLE.name();
    public static final String NETWORK_RX_RATE = MetricCatalogue.NETWORK_RX_RATE.name();
    public static final String FS_USAGE = MetricCatalogue.FILESYSTEM_USAGE.name();
    public static final String FS_LIMIT = MetricCatalogue.FILESYSTEM_LIMIT.name();
    public static final String FS_AVAILABLE = MetricCatalogue.FILESYSTEM_AVAILABLE.name();
    public static final String FS_INODES = MetricCatalogue.FILESYSTEM_INODES.name();
    public static final String UPTIME = MetricCatalogue.UPTIME.name();
    public static final String RESTART_COUNT = MetricCatalogue.RESTART_COUNT.name();

    private Names() { }
}
