package io.heapstream.model.raw;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;

/**
 * One pod on the node: its containers plus the pod-level stats that exist only here (network, volumes,
 * ephemeral storage). {@code cpu}/{@code memory} are the pod cgroup's, which old kubelets omit.
 */
public record PodStats(PodRef podRef, Instant startTime, List<ContainerStats> containers, CpuStats cpu,
                       MemoryStats memory, NetworkStats network, List<VolumeStats> volume,
                       @JsonProperty("ephemeral-storage") FsStats ephemeralStorage, PodMeta meta) {
    public PodStats {
        containers = containers == null ? List.of() : List.copyOf(containers);
        volume = volume == null ? List.of() : List.copyOf(volume);
    }
}
