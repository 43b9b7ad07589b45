package io.heapstream.aggregator;

import io.heapstream.model.rollup.Rollup;
import io.heapstream.model.rollup.RollupKey;
import org.apache.kafka.streams.kstream.KStream;

/**
 * Processors another module attaches to the rollups where the windows close, before they are serialized (the
 * alerter's embedded evaluation). {@link RollupTopology} hands over each stage's rollup stream once. The stages
 * are separate subtopologies: a store, a merge or a repartition shared by both would fuse them into one, so
 * attach to each on its own, with names (processors, stores, sinks) that include {@code stage} and never change
 * (upgrades keep state by name).
 */
@FunctionalInterface
public interface RollupTap {
    /** The node stage's rollups (container, pod, node, sys_container; every resolution). */
    String NODE_STAGE = "node";
    /** The totals stage's rollups (namespace, workload, cluster, fleet; every resolution). */
    String TOTALS_STAGE = "totals";

    /** Attaches to one stage's final rollups, {@code stage} being {@link #NODE_STAGE} or {@link #TOTALS_STAGE}. */
    void attach(String stage, KStream<RollupKey, Rollup> rollups);
}
