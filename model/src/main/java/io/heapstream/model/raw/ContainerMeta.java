package io.heapstream.model.raw;

/**
 * What the API server knows of one container: its resources (CPU in millicores, memory in bytes; {@code null}
 * when not set), image and restart count.
 */
public record ContainerMeta(String image, Long cpuRequestMillicores, Long cpuLimitMillicores,
                            Long memoryRequestBytes, Long memoryLimitBytes, Integer restartCount) { }
