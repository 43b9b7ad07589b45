package io.heapstream.model.raw;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;

/**
 * One scrape of one node's kubelet Summary API: the value of a record on the raw topic, keyed
 * {@code cluster/node}. Sample timestamps inside are the kubelet's; {@code scrapeTime} is the grid slot the
 * collector scraped for (a wall-clock multiple of the scrape interval), which is the event time downstream.
 *
 * @param schemaVersion {@link #SCHEMA_VERSION} when written by this version; readers accept any version whose
 *                      major part they know (see docs/schemas.md)
 */
public record RawScrape(int schemaVersion, String cluster, String node, Instant scrapeTime, NodeStats nodeStats,
                        List<PodStats> pods) {
    public static final int SCHEMA_VERSION = 1;

    public RawScrape {
        requireNonNull(cluster, "cluster");
        requireNonNull(node, "node");
        requireNonNull(scrapeTime, "scrapeTime");
        pods = pods == null ? List.of() : List.copyOf(pods);
    }

    /** The raw topic's key for a node: {@code cluster/node}. */
    public static String key(String cluster, String node) {
        return cluster + "/" + node;
    }

    public String key() {
        return key(cluster, node);
    }
}
