package io.heapstream.model.raw;

import java.time.Instant;
import java.util.List;

/**
 * One container of a pod, or one system container of a node ({@code kubelet}, {@code runtime}, {@code pods},
 * {@code misc}). Missing blocks stay {@code null}: a container with no CPU time yet has {@code cpu == null}.
 */
public record ContainerStats(String name, Instant startTime, CpuStats cpu, MemoryStats memory, FsStats rootfs,
                             FsStats logs, List<AcceleratorStats> accelerators) {
    public ContainerStats {
        accelerators = accelerators == null ? List.of() : List.copyOf(accelerators);
    }
}
