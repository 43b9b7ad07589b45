package io.heapstream.model.raw;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.heapstream.model.SortedMaps;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One container of a pod, or one system container of a node ({@code kubelet}, {@code runtime}, {@code pods},
 * {@code misc}). Missing blocks stay {@code null}: a container with no CPU time yet has {@code cpu == null}.
 *
 * @param gauges further kubelet gauges by catalogue name ({@link io.heapstream.model.MetricCatalogue}), e.g. a
 *               field the typed blocks do not hold: the parser fills it, every stage after carries it as is
 */
public record ContainerStats(String name, Instant startTime, CpuStats cpu, MemoryStats memory, FsStats rootfs,
                             FsStats logs, List<AcceleratorStats> accelerators,
                             @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, Long> gauges) {
    public ContainerStats {
        accelerators = accelerators == null ? List.of() : List.copyOf(accelerators);
        gauges = SortedMaps.copyOf(gauges);
    }

    /** A container without further gauges. */
    public ContainerStats(String name, Instant startTime, CpuStats cpu, MemoryStats memory, FsStats rootfs,
                          FsStats logs, List<AcceleratorStats> accelerators) {
        this(name, startTime, cpu, memory, rootfs, logs, accelerators, Map.of());
    }
}
