package io.heapstream.model.raw;

import java.time.Instant;

/** A filesystem's usage in bytes and inodes. Any field may be absent; {@code time} is absent in old kubelets. */
public record FsStats(Instant time, Long availableBytes, Long capacityBytes, Long usedBytes,
                      Long inodesFree, Long inodes, Long inodesUsed) { }
