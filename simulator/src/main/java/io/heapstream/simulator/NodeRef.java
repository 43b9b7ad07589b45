package io.heapstream.simulator;

import static java.util.Objects.requireNonNull;

import io.heapstream.model.raw.RawScrape;

/** A node of a simulated fleet, by cluster and node name (node names repeat across clusters). */
public record NodeRef(String cluster, String node) {
    public NodeRef {
        requireNonNull(cluster, "cluster");
        requireNonNull(node, "node");
    }

    /** The raw topic's key: {@code cluster/node}. */
    public String key() {
        return RawScrape.key(cluster, node);
    }

    static String keyOf(String cluster, String node) {
        return RawScrape.key(cluster, node);
    }
}
