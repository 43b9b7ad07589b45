package io.heapstream.aggregator.sample;

import java.util.List;
import java.util.Map;

/**
 * One series of a node at one slot, reduced to what the rollups need: gauges as values, counters as
 * (value, sample time), and the identity/metadata of the series.
 *
 * @param kind      which level the series is
 * @param namespace pod and container series
 * @param pod       pod and container series
 * @param name      container or system-container name
 * @param workload  {@code Kind/name} of the pod's owner when metadata knew it
 * @param start     what changes when the series' source restarts (start time, pod uid): a change is a reset
 */
public record SeriesSample(Kind kind, String namespace, String pod, String name, String workload,
                           Map<String, String> labels, String image, String start, MetricValues gauges,
                           List<Counter> counters) {

    /** The node-local levels. */
    public enum Kind { NODE, SYS_CONTAINER, POD, CONTAINER }

    /** A cumulative counter's reading. */
    public record Counter(RateMetric metric, long value, long timeNanos) { }

    /** Identity of the series within its node (for rate baselines and windows). */
    public String id() {
        return switch (kind) {
            case NODE -> "n";
            case SYS_CONTAINER -> "s|" + name;
            case POD -> "p|" + namespace + '|' + pod;
            case CONTAINER -> "c|" + namespace + '|' + pod + '|' + name;
        };
    }
}
