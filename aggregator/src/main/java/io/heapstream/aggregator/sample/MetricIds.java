package io.heapstream.aggregator.sample;

import static io.heapstream.model.MetricCatalogue.CPU_LIMIT;
import static io.heapstream.model.MetricCatalogue.CPU_NODE_ALLOCATABLE;
import static io.heapstream.model.MetricCatalogue.CPU_NODE_CAPACITY;
import static io.heapstream.model.MetricCatalogue.CPU_NODE_RESERVATION;
import static io.heapstream.model.MetricCatalogue.CPU_NODE_UTILIZATION;
import static io.heapstream.model.MetricCatalogue.CPU_REQUEST;
import static io.heapstream.model.MetricCatalogue.CPU_USAGE;
import static io.heapstream.model.MetricCatalogue.CPU_USAGE_RATE;
import static io.heapstream.model.MetricCatalogue.EPHEMERAL_STORAGE_AVAILABLE;
import static io.heapstream.model.MetricCatalogue.EPHEMERAL_STORAGE_CAPACITY;
import static io.heapstream.model.MetricCatalogue.EPHEMERAL_STORAGE_USAGE;
import static io.heapstream.model.MetricCatalogue.MEMORY_LIMIT;
import static io.heapstream.model.MetricCatalogue.MEMORY_MAJOR_PAGE_FAULTS;
import static io.heapstream.model.MetricCatalogue.MEMORY_MAJOR_PAGE_FAULTS_RATE;
import static io.heapstream.model.MetricCatalogue.MEMORY_NODE_ALLOCATABLE;
import static io.heapstream.model.MetricCatalogue.MEMORY_NODE_CAPACITY;
import static io.heapstream.model.MetricCatalogue.MEMORY_NODE_RESERVATION;
import static io.heapstream.model.MetricCatalogue.MEMORY_NODE_UTILIZATION;
import static io.heapstream.model.MetricCatalogue.MEMORY_PAGE_FAULTS;
import static io.heapstream.model.MetricCatalogue.MEMORY_PAGE_FAULTS_RATE;
import static io.heapstream.model.MetricCatalogue.MEMORY_REQUEST;
import static io.heapstream.model.MetricCatalogue.MEMORY_RSS;
import static io.heapstream.model.MetricCatalogue.MEMORY_USAGE;
import static io.heapstream.model.MetricCatalogue.MEMORY_WORKING_SET;
import static io.heapstream.model.MetricCatalogue.NETWORK_RX;
import static io.heapstream.model.MetricCatalogue.NETWORK_RX_ERRORS;
import static io.heapstream.model.MetricCatalogue.NETWORK_RX_ERRORS_RATE;
import static io.heapstream.model.MetricCatalogue.NETWORK_RX_RATE;
import static io.heapstream.model.MetricCatalogue.NETWORK_TX;
import static io.heapstream.model.MetricCatalogue.NETWORK_TX_ERRORS;
import static io.heapstream.model.MetricCatalogue.NETWORK_TX_ERRORS_RATE;
import static io.heapstream.model.MetricCatalogue.NETWORK_TX_RATE;
import static io.heapstream.model.MetricCatalogue.RESTART_COUNT;
import static io.heapstream.model.MetricCatalogue.UPTIME;

import io.heapstream.model.MetricCatalogue.Metric;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One-byte codes for the catalogue's metric names in the binary formats (state, the totals topic), so the
 * hot path neither writes nor allocates the same strings again; decoded ids are the same String instances,
 * which makes the id comparisons of {@link MetricValues} identity checks. Per-resource ids stay literal.
 * Codes are positions in this list, which is part of the state format: only append to it. A catalogue metric
 * left out is written by name, so a new metric works without a code.
 */
final class MetricIds {
    private static final List<String> IDS = Stream.of(
            CPU_USAGE_RATE, CPU_REQUEST, CPU_LIMIT, CPU_NODE_CAPACITY, CPU_NODE_ALLOCATABLE, CPU_NODE_RESERVATION,
            CPU_NODE_UTILIZATION, MEMORY_USAGE, MEMORY_WORKING_SET, MEMORY_RSS, MEMORY_PAGE_FAULTS_RATE,
            MEMORY_MAJOR_PAGE_FAULTS_RATE, MEMORY_REQUEST, MEMORY_LIMIT, MEMORY_NODE_CAPACITY,
            MEMORY_NODE_ALLOCATABLE, MEMORY_NODE_RESERVATION, MEMORY_NODE_UTILIZATION, NETWORK_RX_RATE,
            NETWORK_TX_RATE, NETWORK_RX_ERRORS_RATE, NETWORK_TX_ERRORS_RATE, EPHEMERAL_STORAGE_USAGE,
            EPHEMERAL_STORAGE_AVAILABLE, EPHEMERAL_STORAGE_CAPACITY, UPTIME, RESTART_COUNT,
            // the counters' readings (Heapster's cumulative metrics), in every sample since issue 16
            CPU_USAGE, MEMORY_PAGE_FAULTS, MEMORY_MAJOR_PAGE_FAULTS, NETWORK_RX, NETWORK_TX, NETWORK_RX_ERRORS,
            NETWORK_TX_ERRORS).map(Metric::name).toList();
    private static final Map<String, Integer> CODES = new HashMap<>();
    /** The ids are nearly always these very String instances: an identity lookup first is cheaper. */
    private static final Map<String, Integer> SAME = new IdentityHashMap<>();

    static {
        for (int i = 0; i < IDS.size(); i++) {
            CODES.put(IDS.get(i), i + 1);
            SAME.put(IDS.get(i), i + 1);
        }
    }

    private MetricIds() { }

    /** 1.. for a catalogue name, 0 for anything else. */
    static int code(String id) {
        var code = SAME.get(id);
        if (code == null) {
            code = CODES.get(id);
        }
        return code == null ? 0 : code;
    }

    static String id(int code) {
        return IDS.get(code - 1);
    }
}
