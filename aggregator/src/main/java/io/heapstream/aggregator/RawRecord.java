package io.heapstream.aggregator;

import io.heapstream.aggregator.sample.NodeSample;
import io.heapstream.model.raw.RawScrape;

/**
 * A raw-topic record as the node stage sees it: its compact sample, and its JSON as it arrived, which is
 * what a late scrape is forwarded as (unchanged, not re-serialized).
 */
public record RawRecord(byte[] json, NodeSample sample) {
    /** The raw topic's key of the scrape's node, {@code cluster/node}. */
    public String nodeKey() {
        return RawScrape.key(sample.cluster(), sample.node());
    }
}
