package io.heapstream.collector.kubelet;

import io.heapstream.model.raw.NodeStats;
import io.heapstream.model.raw.PodStats;
import java.util.List;

/**
 * What one {@code /stats/summary} body says, before enrichment.
 *
 * @param outOfRangeValues counters above 2^63-1 (the API's numbers are unsigned 64-bit) that were reported
 *                         absent instead; 2^64-1 is what some kubelets send for "unknown"
 * @param skippedPods      pods without a usable {@code podRef} (no name or namespace), left out
 */
public record KubeletSummary(NodeStats node, List<PodStats> pods, int outOfRangeValues, int skippedPods) {
    public KubeletSummary {
        pods = List.copyOf(pods);
    }
}
