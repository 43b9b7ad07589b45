package io.heapstream.model.raw;

import java.time.Instant;

/**
 * CPU of a node, pod or container as the kubelet reported it. Every field may be absent ({@code null}):
 * Windows nodes and first samples often lack {@code usageNanoCores}.
 *
 * @param time                 when the kubelet sampled it
 * @param usageNanoCores       kubelet-computed rate over its own sample window, in nanocores
 * @param usageCoreNanoSeconds cumulative CPU time, in core-nanoseconds (a counter)
 */
public record CpuStats(Instant time, Long usageNanoCores, Long usageCoreNanoSeconds) { }
