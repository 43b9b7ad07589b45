package io.heapstream.model.raw;

import io.heapstream.model.SortedMaps;
import java.util.Map;

/**
 * The node's capacity and allocatable resources from its Node object (CPU in millicores, memory and ephemeral
 * storage in bytes; {@code null} when the Node has none) and its labels.
 */
public record NodeMeta(Long cpuCapacityMillicores, Long cpuAllocatableMillicores, Long memoryCapacityBytes,
                       Long memoryAllocatableBytes, Map<String, String> labels, Long ephemeralStorageCapacityBytes,
                       Long ephemeralStorageAllocatableBytes) {
    public NodeMeta {
        labels = SortedMaps.copyOf(labels);
    }

    /** A Node without ephemeral-storage figures. */
    public NodeMeta(Long cpuCapacityMillicores, Long cpuAllocatableMillicores, Long memoryCapacityBytes,
                    Long memoryAllocatableBytes, Map<String, String> labels) {
        this(cpuCapacityMillicores, cpuAllocatableMillicores, memoryCapacityBytes, memoryAllocatableBytes, labels,
                null, null);
    }
}
