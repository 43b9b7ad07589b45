package io.heapstream.model.raw;

import io.heapstream.model.SortedMaps;
import java.util.Map;

/** The node's capacity and allocatable resources from its Node object (CPU in millicores, memory in bytes). */
public record NodeMeta(Long cpuCapacityMillicores, Long cpuAllocatableMillicores, Long memoryCapacityBytes,
                       Long memoryAllocatableBytes, Map<String, String> labels) {
    public NodeMeta {
        labels = SortedMaps.copyOf(labels);
    }
}
