package io.heapstream.aggregator.window;

import io.heapstream.aggregator.sample.BinaryIn;
import io.heapstream.aggregator.sample.BinaryOut;
import io.heapstream.model.rollup.Level;
import io.heapstream.model.rollup.Rollup;
import io.heapstream.model.rollup.RollupKey;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Coarser resolutions built from the finer rollups, not from raw data: counts add up, sums re-weight the
 * averages, min of mins, max of maxes, last of the latest. A coarse window closes when the finer windows
 * inside it have all closed (watermark at or past its end + grace).
 *
 * <p>State: one entry per <em>group</em> and open coarse window, keyed {@code [resolution index][window start,
 * big-endian][group]} so that the due windows are one range scan. The node stage groups by node (one read and
 * one write per node and window instead of one per series); the totals stage by series.
 */
public final class Coarsener {
    /** One series' running statistics in a coarse window, with its latest key and metadata. */
    private static final class Entry {
        RollupKey key;
        Map<String, String> labels;
        String image;
        WindowStats stats;
    }

    /** A store's value for an entry kept as an object beside it (transient state: see NodeProcessor's). */
    public static final byte[] HELD = new byte[0];

    private final List<Duration> resolutions;
    private final long graceMillis;
    private final KeyValueStore<Bytes, byte[]> store;
    /** The open windows' entries, when the state is transient; null: encoded in the store. */
    private final Map<Bytes, LinkedHashMap<String, Entry>> held;

    public Coarsener(List<Duration> resolutions, Duration grace, KeyValueStore<Bytes, byte[]> store) {
        this(resolutions, grace, store, false);
    }

    /** @param transientState the entries as objects, the store holding their keys only (see NodeProcessor's) */
    public Coarsener(List<Duration> resolutions, Duration grace, KeyValueStore<Bytes, byte[]> store,
                     boolean transientState) {
        this.resolutions = List.copyOf(resolutions);
        this.graceMillis = grace.toMillis();
        this.store = store;
        this.held = transientState ? new HashMap<>() : null;
    }

    /** Adds the final rollups of one finer window of a group; a group's finer windows must come in time order. */
    public void add(String group, List<Rollup> fine) {
        if (fine.isEmpty()) {
            return;
        }
        for (int r = 0; r < resolutions.size(); r++) {
            long size = resolutions.get(r).toMillis();
            long start = Math.floorDiv(fine.get(0).windowStart().toEpochMilli(), size) * size;
            var key = key(r, start, group);
            var entries = held != null ? held.get(key) : null;
            if (held == null) {
                var existing = store.get(key);
                entries = existing == null ? new LinkedHashMap<>() : decode(existing);
            } else if (entries == null) {
                entries = new LinkedHashMap<>();
                held.put(key, entries);
                store.put(key, HELD);
            }
            for (var rollup : fine) {
                var entry = entries.computeIfAbsent(identity(rollup.key()), id -> new Entry());
                if (entry.stats == null) {
                    entry.stats = new WindowStats();
                    entry.labels = Map.of();
                }
                entry.key = rollup.key();
                entry.labels = rollup.labels().isEmpty() ? entry.labels : rollup.labels();
                entry.image = rollup.image() == null ? entry.image : rollup.image();
                rollup.metrics().forEach(entry.stats::merge);
            }
            if (held == null) {
                store.put(key, encode(entries));
            }
        }
    }

    /** Emits and forgets every coarse window that the watermark has closed, oldest first per resolution. */
    public List<Rollup> closeThrough(long watermark) {
        var out = new ArrayList<Rollup>();
        for (int r = 0; r < resolutions.size(); r++) {
            var resolution = resolutions.get(r);
            long maxStart = watermark - graceMillis - resolution.toMillis();
            if (maxStart < 0) {
                continue;
            }
            var done = new ArrayList<Bytes>();
            try (var it = store.range(key(r, 0, ""), key(r, maxStart + 1, ""))) {
                while (it.hasNext()) {
                    KeyValue<Bytes, byte[]> e = it.next();
                    long start = ByteBuffer.wrap(e.key.get(), 1, 8).getLong();
                    if (start > maxStart) {
                        continue;
                    }
                    var ws = Instant.ofEpochMilli(start);
                    for (var entry : (held != null ? held.remove(e.key) : decode(e.value)).values()) {
                        out.add(new Rollup(Rollup.SCHEMA_VERSION, entry.key, resolution, ws, ws.plus(resolution),
                                entry.stats.toMetrics(), entry.labels, entry.image));
                    }
                    done.add(e.key);
                }
            }
            done.forEach(k -> store.put(k, null));   // a delete without delete()'s read
        }
        return out;
    }

    /** Pods and containers keep their identity when their workload becomes known mid-way. */
    public static String identity(RollupKey k) {
        boolean local = k.level() == Level.POD || k.level() == Level.CONTAINER;
        return k.level().id() + '|' + k.cluster() + '|' + k.namespace() + '|' + (local ? null : k.workload()) + '|'
                + k.pod() + '|' + k.container() + '|' + k.node();
    }

    private static byte[] encode(Map<String, Entry> entries) {
        var out = new BinaryOut(256 * entries.size());
        out.varint(entries.size());
        entries.forEach((id, e) -> {
            out.string(id);
            var k = e.key;
            out.string(k.level().id()).string(k.cluster()).string(k.namespace()).string(k.workload())
                    .string(k.pod()).string(k.container()).string(k.node());
            out.labels(e.labels).string(e.image);
            e.stats.write(out);
        });
        return out.toBytes();
    }

    private static LinkedHashMap<String, Entry> decode(byte[] bytes) {
        var in = new BinaryIn(bytes);
        int n = in.varint();
        var entries = new LinkedHashMap<String, Entry>(n * 2);
        for (int i = 0; i < n; i++) {
            var id = in.string();
            var e = new Entry();
            e.key = new RollupKey(Level.fromId(in.string()), in.string(), in.string(), in.string(), in.string(),
                    in.string(), in.string());
            e.labels = in.labels();
            e.image = in.string();
            e.stats = WindowStats.read(in);
            entries.put(id, e);
        }
        return entries;
    }

    private static Bytes key(int resolution, long start, String group) {
        var id = group.getBytes(StandardCharsets.UTF_8);
        var buffer = ByteBuffer.allocate(9 + id.length);
        buffer.put((byte) resolution).putLong(start).put(id);
        return Bytes.wrap(buffer.array());
    }
}
