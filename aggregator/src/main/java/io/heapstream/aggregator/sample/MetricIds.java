package io.heapstream.aggregator.sample;

import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * One-byte codes for the catalogue's metric names in the binary formats (state, the totals topic), so the
 * hot path neither writes nor allocates the same strings again; decoded ids are the same String instances,
 * which makes the id comparisons of {@link MetricValues} identity checks. Per-resource ids stay literal.
 * Codes are positions in this list, which is part of the state format: only append to it.
 */
final class MetricIds {
    private static final List<String> IDS = List.of(Names.CPU_USAGE_RATE, Names.CPU_REQUEST, Names.CPU_LIMIT,
            Names.CPU_NODE_CAPACITY, Names.CPU_NODE_ALLOCATABLE, Names.CPU_NODE_RESERVATION, Names.CPU_NODE_UTILIZATION,
            Names.MEMORY_USAGE, Names.MEMORY_WORKING_SET, Names.MEMORY_RSS, Names.MEMORY_PAGE_FAULTS_RATE,
            Names.MEMORY_MAJOR_PAGE_FAULTS_RATE, Names.MEMORY_REQUEST, Names.MEMORY_LIMIT, Names.MEMORY_NODE_CAPACITY,
            Names.MEMORY_NODE_ALLOCATABLE, Names.MEMORY_NODE_RESERVATION, Names.MEMORY_NODE_UTILIZATION,
            Names.NETWORK_RX_RATE, Names.NETWORK_TX_RATE, Names.NETWORK_RX_ERRORS_RATE, Names.NETWORK_TX_ERRORS_RATE,
            Names.EPHEMERAL_USAGE, Names.EPHEMERAL_AVAILABLE, Names.EPHEMERAL_CAPACITY, Names.UPTIME,
            Names.RESTART_COUNT);
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
