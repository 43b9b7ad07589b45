package io.heapstream.aggregator.total;

import io.heapstream.aggregator.RollupSettings;
import io.heapstream.aggregator.sample.BinaryIn;
import io.heapstream.aggregator.sample.BinaryOut;
import io.heapstream.aggregator.sample.MetricRules;
import io.heapstream.aggregator.sample.MetricValues;
import io.heapstream.aggregator.window.Coarsener;
import io.heapstream.aggregator.window.WindowGrid;
import io.heapstream.aggregator.window.WindowStats;
import io.heapstream.model.rollup.Level;
import io.heapstream.model.rollup.Rollup;
import io.heapstream.model.rollup.RollupKey;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The totals stage: namespace, workload, cluster and fleet series, keyed by series. Each node-stage task
 * sends one contribution per series and window (its nodes' per-slot sums) and then its watermark. A window
 * is complete when every node-stage task's watermark has passed its end + grace: only then are the slot
 * totals final, and their statistics go out. Sums run in partition order, so a replay gives the same bits.
 */
public final class TotalsProcessor implements Processor<String, byte[], RollupKey, Rollup> {
    public static final String WINDOWS_STORE = "totals-windows";
    public static final String COARSE_STORE = "totals-coarse";
    private static final byte[] WATERMARK_PREFIX = {0, 'w'};

    private final RollupSettings settings;
    private final WindowGrid grid;
    private final long[] watermarks;
    private ProcessorContext<RollupKey, Rollup> context;
    private KeyValueStore<Bytes, byte[]> windows;
    private Coarsener coarsener;
    private long nextDue = Long.MAX_VALUE;
    /** The open windows' parts, when the state is transient; null: encoded in the store. */
    private final Map<Bytes, TreeMap<Integer, TreeMap<Long, MetricValues>>> heldParts;

    public TotalsProcessor(RollupSettings settings) {
        this(settings, false);
    }

    /**
     * @param transientState whether the state is never restored (a replay): then a window's parts are kept as
     *     objects beside the store, which holds their keys only, instead of being decoded and encoded again on
     *     every contribution (as NodeProcessor's)
     */
    public TotalsProcessor(RollupSettings settings, boolean transientState) {
        this.settings = settings;
        this.heldParts = transientState ? new HashMap<>() : null;
        this.grid = WindowGrid.of(settings.window(), settings.grace());
        this.watermarks = new long[settings.rawPartitions()];
        Arrays.fill(watermarks, Long.MIN_VALUE);
    }

    @Override
    public void init(ProcessorContext<RollupKey, Rollup> context) {
        this.context = context;
        this.windows = context.getStateStore(WINDOWS_STORE);
        this.coarsener = new Coarsener(settings.coarser(), settings.grace(), context.getStateStore(COARSE_STORE),
                heldParts != null);
        try (var it = windows.all()) {
            while (it.hasNext()) {
                var e = it.next();
                var b = e.key.get();
                if (b[0] == 0) {
                    int partition = ByteBuffer.wrap(b, 2, 4).getInt();
                    if (partition < watermarks.length) {
                        watermarks[partition] = ByteBuffer.wrap(e.value).getLong();
                    }
                } else {
                    nextDue = Math.min(nextDue, grid.closeAt(windowStartOf(b)));
                }
            }
        }
    }

    @Override
    public void process(Record<String, byte[]> record) {
        process(record.key(), TotalsMessage.decode(record.value()));
    }

    /** One message of the repartition topic, decoded already (a replay decodes it first to drop copies). */
    public void process(String seriesKey, TotalsMessage message) {
        if (message instanceof TotalsMessage.Watermark w) {
            if (w.sourcePartition() < watermarks.length && w.watermark() > watermarks[w.sourcePartition()]) {
                watermarks[w.sourcePartition()] = w.watermark();
                windows.put(watermarkKey(w.sourcePartition()), ByteBuffer.allocate(8).putLong(w.watermark()).array());
                long complete = Arrays.stream(watermarks).min().orElse(Long.MIN_VALUE);
                if (complete >= nextDue) {
                    closeThrough(complete);
                }
            }
        } else if (message instanceof TotalsMessage.Contribution c) {
            var key = windowKey(seriesKey, c.windowStart());
            var parts = heldParts != null ? heldParts.get(key) : null;
            if (heldParts == null) {
                var existing = windows.get(key);
                parts = existing == null ? new TreeMap<>() : decode(existing);
            } else if (parts == null) {
                parts = new TreeMap<>();
                heldParts.put(key, parts);
                windows.put(key, Coarsener.HELD);
            }
            var part = parts.computeIfAbsent(c.sourcePartition(), p -> new TreeMap<>());
            c.slots().forEach((slot, values) -> {
                var sum = part.computeIfAbsent(slot, s -> new MetricValues());
                for (int i = 0; i < values.size(); i++) {
                    sum.add(values.id(i), values.value(i));
                }
            });
            if (heldParts == null) {
                windows.put(key, encode(parts));
            }
            nextDue = Math.min(nextDue, grid.closeAt(c.windowStart()));
        }
    }

    private void closeThrough(long watermark) {
        var done = new ArrayList<Bytes>();
        var rollups = new ArrayList<Rollup>();
        long remaining = Long.MAX_VALUE;
        try (var it = windows.all()) {
            while (it.hasNext()) {
                var e = it.next();
                var b = e.key.get();
                if (b[0] == 0) {
                    continue;
                }
                long windowStart = windowStartOf(b);
                if (!grid.isClosed(windowStart, watermark)) {
                    remaining = Math.min(remaining, grid.closeAt(windowStart));
                    continue;
                }
                var seriesKey = new String(b, 0, b.length - 9, StandardCharsets.UTF_8);
                var rollup = rollup(seriesKey, windowStart, heldParts != null ? heldParts.remove(e.key)
                        : decode(e.value));
                if (rollup != null) {
                    rollups.add(rollup);
                }
                done.add(e.key);
            }
        }
        done.forEach(k -> windows.put(k, null));   // a delete without delete()'s read
        nextDue = remaining;
        emit(rollups);
        rollups.forEach(r -> coarsener.add(Coarsener.identity(r.key()), List.of(r)));
        emit(coarsener.closeThrough(watermark));
        // the closed windows are readable once the transaction commits: now, not at the next commit interval
        context.commit();
    }

    private Rollup rollup(String seriesKey, long windowStart, Map<Integer, TreeMap<Long, MetricValues>> parts) {
        var key = TotalKey.toRollupKey(seriesKey);
        var slots = new TreeMap<Long, MetricValues>();
        parts.forEach((partition, partSlots) -> partSlots.forEach((slot, values) -> {
            var total = slots.computeIfAbsent(slot, s -> new MetricValues());
            for (int i = 0; i < values.size(); i++) {
                total.add(values.id(i), values.value(i));
            }
        }));
        var stats = new WindowStats();
        boolean ratios = key.level() == Level.CLUSTER || key.level() == Level.FLEET;
        for (var total : slots.values()) {
            if (ratios) {
                MetricRules.deriveRatios(total);
            }
            stats.addAll(total);
        }
        if (stats.isEmpty()) {
            return null;
        }
        var start = Instant.ofEpochMilli(windowStart);
        return new Rollup(Rollup.SCHEMA_VERSION, key, settings.window(), start, start.plus(settings.window()),
                stats.toMetrics(), Map.of(), null);
    }

    private void emit(List<Rollup> rollups) {
        for (var r : rollups) {
            settings.events().emitted(r.key().level(), r.resolution());
            context.forward(new Record<>(r.key(), r, r.windowStart().toEpochMilli()));
        }
    }

    private static Bytes windowKey(String seriesKey, long windowStart) {
        var s = seriesKey.getBytes(StandardCharsets.UTF_8);
        return Bytes.wrap(ByteBuffer.allocate(s.length + 9).put(s).put((byte) 0).putLong(windowStart).array());
    }

    private static long windowStartOf(byte[] key) {
        return ByteBuffer.wrap(key, key.length - 8, 8).getLong();
    }

    private static Bytes watermarkKey(int partition) {
        return Bytes.wrap(ByteBuffer.allocate(6).put(WATERMARK_PREFIX).putInt(partition).array());
    }

    private static byte[] encode(Map<Integer, TreeMap<Long, MetricValues>> parts) {
        var out = new BinaryOut(128);
        out.varint(parts.size());
        parts.forEach((partition, slots) -> {
            out.varint(partition).varint(slots.size());
            slots.forEach((slot, values) -> out.i64(slot).values(values));
        });
        return out.toBytes();
    }

    private static TreeMap<Integer, TreeMap<Long, MetricValues>> decode(byte[] bytes) {
        var in = new BinaryIn(bytes);
        var parts = new TreeMap<Integer, TreeMap<Long, MetricValues>>();
        int n = in.varint();
        for (int i = 0; i < n; i++) {
            int partition = in.varint();
            int slots = in.varint();
            var map = new TreeMap<Long, MetricValues>();
            for (int j = 0; j < slots; j++) {
                map.put(in.i64(), in.values());
            }
            parts.put(partition, map);
        }
        return parts;
    }
}
