package io.heapstream.model.raw;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.heapstream.model.SortedMaps;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The kubelet's own node-level stats (they include system overhead, not just pods), its system containers,
 * and the Node object's capacity in {@code meta} when metadata is on.
 *
 * @param gauges further kubelet gauges of the node by catalogue name, as {@link ContainerStats#gauges()}
 */
public record NodeStats(String nodeName, Instant startTime, CpuStats cpu, MemoryStats memory, NetworkStats network,
                        FsStats fs, FsStats imageFs, List<ContainerStats> systemContainers, NodeMeta meta,
                        @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, Long> gauges) {
    public NodeStats {
        systemContainers = systemContainers == null ? List.of() : List.copyOf(systemContainers);
        gauges = SortedMaps.copyOf(gauges);
    }

    /** A node without further gauges. */
    public NodeStats(String nodeName, Instant startTime, CpuStats cpu, MemoryStats memory, NetworkStats network,
                     FsStats fs, FsStats imageFs, List<ContainerStats> systemContainers, NodeMeta meta) {
        this(nodeName, startTime, cpu, memory, network, fs, imageFs, systemContainers, meta, Map.of());
    }

    /** The same node with its Node object's capacity. */
    public NodeStats withMeta(NodeMeta meta) {
        return new NodeStats(nodeName, startTime, cpu, memory, network, fs, imageFs, systemContainers, meta, gauges);
    }
}
