package io.heapstream.model.raw;

import java.time.Instant;
import java.util.List;

/**
 * The kubelet's own node-level stats (they include system overhead, not just pods), its system containers,
 * and the Node object's capacity in {@code meta} when metadata is on.
 */
public record NodeStats(String nodeName, Instant startTime, CpuStats cpu, MemoryStats memory, NetworkStats network,
                        FsStats fs, FsStats imageFs, List<ContainerStats> systemContainers, NodeMeta meta) {
    public NodeStats {
        systemContainers = systemContainers == null ? List.of() : List.copyOf(systemContainers);
    }
}
