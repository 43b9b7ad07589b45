package io.heapstream.aggregator.node;

import io.heapstream.aggregator.RawRecord;
import io.heapstream.aggregator.total.TotalsMessage;
import io.heapstream.model.rollup.Rollup;

/**
 * What the node stage emits, one of three kinds, each to its own sink (RollupTopology routes them). The key of
 * each kind is named beside it; the record's key is that type.
 */
public sealed interface NodeOutput permits NodeOutput.Final, NodeOutput.Late, NodeOutput.ToTotals {

    /** A final rollup of a node-local series (container, pod, node, system container); key: its RollupKey. */
    record Final(Rollup rollup) implements NodeOutput { }

    /** A scrape whose window had closed, for the late topic as it arrived; key: its node, {@code cluster/node}. */
    record Late(RawRecord scrape) implements NodeOutput { }

    /**
     * An encoded {@link TotalsMessage} for the totals stage; key: its aggregate series, or
     * {@link TotalsMessage#WATERMARK_KEY}.
     */
    record ToTotals(byte[] message) implements NodeOutput { }
}
