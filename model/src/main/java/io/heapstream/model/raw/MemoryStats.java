package io.heapstream.model.raw;

import java.time.Instant;

/**
 * Memory as the kubelet reported it, in bytes; page faults are counters. Absent fields stay {@code null}:
 * {@code availableBytes} is omitted when there is no limit, Windows reports the working set only.
 */
public record MemoryStats(Instant time, Long availableBytes, Long usageBytes, Long workingSetBytes,
                          Long rssBytes, Long pageFaults, Long majorPageFaults) { }
