package io.heapstream.model.raw;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.heapstream.model.SortedMaps;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One pod on the node: its containers plus the pod-level stats that exist only here (network, volumes,
 * ephemeral storage). {@code cpu}/{@code memory} are the pod cgroup's, which old kubelets omit.
 *
 * @param gauges further kubelet gauges of the pod by catalogue name, as {@link ContainerStats#gauges()}
 */
public record PodStats(PodRef podRef, Instant startTime, List<ContainerStats> containers, CpuStats cpu,
                       MemoryStats memory, NetworkStats network, List<VolumeStats> volume,
                       @JsonProperty("ephemeral-storage") FsStats ephemeralStorage, PodMeta meta,
                       @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, Long> gauges) {
    public PodStats {
        containers = containers == null ? List.of() : List.copyOf(containers);
        volume = volume == null ? List.of() : List.copyOf(volume);
        gauges = SortedMaps.copyOf(gauges);
    }

    /** A pod without further gauges. */
    public PodStats(PodRef podRef, Instant startTime, List<ContainerStats> containers, CpuStats cpu,
                    MemoryStats memory, NetworkStats network, List<VolumeStats> volume, FsStats ephemeralStorage,
                    PodMeta meta) {
        this(podRef, startTime, containers, cpu, memory, network, volume, ephemeralStorage, meta, Map.of());
    }

    /** The same pod with the API server's metadata. */
    public PodStats withMeta(PodMeta meta) {
        return new PodStats(podRef, startTime, containers, cpu, memory, network, volume, ephemeralStorage, meta,
                gauges);
    }
}
