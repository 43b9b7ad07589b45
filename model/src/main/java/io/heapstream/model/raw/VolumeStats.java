package io.heapstream.model.raw;

import java.time.Instant;

/**
 * A pod volume: the kubelet inlines the filesystem fields next to the volume's name, and so do we.
 *
 * @param pvcName the PersistentVolumeClaim behind the volume, when it has one
 */
public record VolumeStats(String name, String pvcName, Instant time, Long availableBytes, Long capacityBytes,
                          Long usedBytes, Long inodesFree, Long inodes, Long inodesUsed) { }
