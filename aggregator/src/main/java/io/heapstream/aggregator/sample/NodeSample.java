package io.heapstream.aggregator.sample;

import java.util.List;

/**
 * One node's scrape at one slot, reduced to its series: what the aggregator keeps in state until the slot's
 * window closes. Containers follow their pod, so a pod's total can be summed in one pass.
 */
public record NodeSample(String cluster, String node, long slotMillis, List<SeriesSample> series) {
    public NodeSample {
        series = List.copyOf(series);
    }
}
