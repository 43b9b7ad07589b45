package io.heapstream.aggregator.total;

import io.heapstream.aggregator.sample.BinaryIn;
import io.heapstream.aggregator.sample.BinaryOut;
import io.heapstream.aggregator.sample.MetricValues;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the node stage sends the totals stage over the repartition topic: either one task's contribution to
 * an aggregate series' window (per slot sums over that task's nodes), or the task's watermark, broadcast to
 * every totals partition once the task has sent everything for the windows it closed.
 */
public sealed interface TotalsMessage permits TotalsMessage.Contribution, TotalsMessage.Watermark {
    /** Key of watermark records (never a series key: those start with a level). */
    String WATERMARK_KEY = "\u0000watermark";

    int sourcePartition();

    /** Sums over one node-stage task's nodes, per slot of one window of one aggregate series. */
    record Contribution(int sourcePartition, long windowStart, TreeMap<Long, MetricValues> slots)
            implements TotalsMessage { }

    /** Every window with end + grace at or before {@code watermark} is closed in that node-stage task. */
    record Watermark(int sourcePartition, long watermark) implements TotalsMessage { }

    static byte[] encode(TotalsMessage message) {
        var out = new BinaryOut(64);
        if (message instanceof Contribution c) {
            out.varint(1).varint(c.sourcePartition()).i64(c.windowStart()).varint(c.slots().size());
            for (Map.Entry<Long, MetricValues> e : c.slots().entrySet()) {
                out.i64(e.getKey()).values(e.getValue());
            }
        } else if (message instanceof Watermark w) {
            out.varint(2).varint(w.sourcePartition()).i64(w.watermark());
        }
        return out.toBytes();
    }

    static TotalsMessage decode(byte[] bytes) {
        var in = new BinaryIn(bytes);
        int type = in.varint();
        int partition = in.varint();
        if (type == 2) {
            return new Watermark(partition, in.i64());
        }
        long windowStart = in.i64();
        int n = in.varint();
        var slots = new TreeMap<Long, MetricValues>();
        for (int i = 0; i < n; i++) {
            slots.put(in.i64(), in.values());
        }
        return new Contribution(partition, windowStart, slots);
    }
}
