package io.heapstream.model.raw;

/**
 * What the API server knows of one container: its resources (CPU in millicores, memory and ephemeral storage in
 * bytes; {@code null} when not set), image and restart count.
 *
 * @param init whether it is an init container ({@code null}: an app container, or written before the field
 *             existed); Heapster counted the app containers only
 */
public record ContainerMeta(String image, Long cpuRequestMillicores, Long cpuLimitMillicores,
                            Long memoryRequestBytes, Long memoryLimitBytes, Integer restartCount,
                            Long ephemeralStorageRequestBytes, Long ephemeralStorageLimitBytes, Boolean init) {
    /** An app container without ephemeral-storage resources. */
    public ContainerMeta(String image, Long cpuRequestMillicores, Long cpuLimitMillicores, Long memoryRequestBytes,
                         Long memoryLimitBytes, Integer restartCount) {
        this(image, cpuRequestMillicores, cpuLimitMillicores, memoryRequestBytes, memoryLimitBytes, restartCount,
                null, null, null);
    }
}
