package io.heapstream.app.replay;

import io.heapstream.aggregator.RollupSettings;
import io.heapstream.aggregator.total.TotalsMessage;
import io.heapstream.aggregator.total.TotalsProcessor;
import io.heapstream.aggregator.window.WindowGrid;
import io.heapstream.model.rollup.Rollup;
import io.heapstream.model.rollup.RollupKey;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.MockProcessorContext;

/**
 * One partition of the replay's totals topic: the live aggregator's own {@link TotalsProcessor} (namespace,
 * workload, cluster and fleet series; its state transient, as the node stage's, and each message decoded once),
 * which sums the node stages' contributions per source partition and then in
 * partition order, so the result does not depend on which process ran which raw partition, nor on the order the
 * partitions' messages arrive in.
 *
 * <p>What a shared replay adds: a raw partition may be aggregated twice (it moved to another process half-way, or
 * a rerun after an interrupt), and a contribution must count once. A node stage sends exactly one contribution per
 * series and window, always the same for the same range, so the first copy is kept and later ones dropped; so are
 * contributions to a window the stage has closed already (every partition's watermark passed it, so they are
 * copies). And the node stage's {@code done} marker: every contribution and watermark of that raw partition is in
 * (and its node-local rollups are written).
 */
final class TotalsStage {
    /** Key of the record a raw partition's node stage sends to every totals partition once it has finished. */
    static final String DONE_KEY = "\u0000done";

    private final MockProcessorContext<RollupKey, Rollup> context;
    private final TotalsProcessor processor;
    private final WindowGrid grid;
    private final long[] watermarks;
    private final BitSet done;
    private final int partitions;
    /** (source partition, series, window) of the contributions taken, of the windows still open. */
    private final Set<Contribution> taken = new HashSet<>();

    private record Contribution(int source, String series, long windowStart) { }

    TotalsStage(RollupSettings settings, int partition) {
        this.partitions = settings.rawPartitions();
        this.grid = WindowGrid.of(settings.window(), settings.grace());
        this.watermarks = new long[partitions];
        this.done = new BitSet(partitions);
        Arrays.fill(watermarks, Long.MIN_VALUE);
        context = new MockProcessorContext<>(new Properties(), new TaskId(1, partition), null);
        NodeStage.inMemory(context, TotalsProcessor.WINDOWS_STORE);
        NodeStage.inMemory(context, TotalsProcessor.COARSE_STORE);
        processor = new TotalsProcessor(settings, true);
        processor.init(context);
    }

    /** One record of the totals topic: a node stage's contribution, watermark, or done marker. */
    void accept(String key, byte[] value) {
        if (DONE_KEY.equals(key)) {
            done.set(Integer.parseInt(new String(value, java.nio.charset.StandardCharsets.UTF_8)));
            return;
        }
        var message = TotalsMessage.decode(value);
        int source = message.sourcePartition();
        if (source >= partitions) {
            return;
        }
        if (message instanceof TotalsMessage.Contribution c) {
            if (grid.isClosed(c.windowStart(), complete())
                    || !taken.add(new Contribution(source, key, c.windowStart()))) {
                return;
            }
        } else if (message instanceof TotalsMessage.Watermark w && w.watermark() > watermarks[source]) {
            watermarks[source] = w.watermark();
            long complete = complete();
            taken.removeIf(t -> grid.isClosed(t.windowStart(), complete));
        }
        processor.process(key, message);
    }

    /** Whether this raw partition's node stage has finished (its done marker came). */
    boolean isDone(int rawPartition) {
        return done.get(rawPartition);
    }

    /** Every raw partition's node stage has finished: every window of the range is closed and out. */
    boolean allDone() {
        return done.cardinality() == partitions;
    }

    private long complete() {
        return Arrays.stream(watermarks).min().orElse(Long.MIN_VALUE);
    }

    /** The rollups the processor emitted since the last call. */
    void drain(Consumer<Rollup> rollups) {
        List<MockProcessorContext.CapturedForward<?, ?>> out = List.copyOf(context.forwarded());
        if (out.isEmpty()) {
            return;
        }
        context.resetForwards();
        for (var forward : out) {
            rollups.accept((Rollup) forward.record().value());
        }
    }
}
