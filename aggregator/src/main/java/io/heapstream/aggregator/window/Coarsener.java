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
import java.util.List;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Coarser resolutions built from the finer rollups, not from raw data: counts add up, sums re-weight the
 * averages, min of mins, max of maxes, last of the latest. A coarse window closes when the finer windows
 * inside it have all closed (watermark at or past its end + grace). State: one entry per series and open
 * coarse window, keyed {@code [resolution index][window start, big-endian][series identity]} so that the
 * due windows are one range scan.
 */
public final class Coarsener {
    private final List<Duration> resolutions;
    private final long graceMillis;
    private final KeyValueStore<Bytes, byte[]> store;

    public Coarsener(List<Duration> resolutions, Duration grace, KeyValueStore<Bytes, byte[]> store) {
        this.resolutions = List.copyOf(resolutions);
        this.graceMillis = grace.toMillis();
        this.store = store;
    }

    /** Adds a final finer rollup; finer windows of a series must come in time order. */
    public void add(Rollup fine) {
        for (int r = 0; r < resolutions.size(); r++) {
            long size = resolutions.get(r).toMillis();
            long start = Math.floorDiv(fine.windowStart().toEpochMilli(), size) * size;
            var key = key(r, start, identity(fine.key()));
            var existing = store.get(key);
            WindowStats stats;
            var labels = fine.labels();
            var image = fine.image();
            if (existing == null) {
                stats = new WindowStats();
            } else {
                var in = new BinaryIn(existing);
                skipKey(in);
                var oldLabels = in.labels();
                var oldImage = in.string();
                stats = WindowStats.read(in);
                labels = labels.isEmpty() ? oldLabels : labels;
                image = image == null ? oldImage : image;
            }
            fine.metrics().forEach(stats::merge);
            var out = new BinaryOut(256);
            writeKey(out, fine.key());
            out.labels(labels).string(image);
            stats.write(out);
            store.put(key, out.toBytes());
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
                    var in = new BinaryIn(e.value);
                    var key = readKey(in);
                    var labels = in.labels();
                    var image = in.string();
                    var stats = WindowStats.read(in);
                    var ws = Instant.ofEpochMilli(start);
                    out.add(new Rollup(Rollup.SCHEMA_VERSION, key, resolution, ws, ws.plus(resolution),
                            stats.toMetrics(), labels, image));
                    done.add(e.key);
                }
            }
            done.forEach(store::delete);
        }
        return out;
    }

    /** Pods and containers keep their identity when their workload becomes known mid-way. */
    private static String identity(RollupKey k) {
        boolean local = k.level() == Level.POD || k.level() == Level.CONTAINER;
        return k.level().id() + '|' + k.cluster() + '|' + k.namespace() + '|' + (local ? null : k.workload()) + '|'
                + k.pod() + '|' + k.container() + '|' + k.node();
    }

    private static Bytes key(int resolution, long start, String identity) {
        var id = identity.getBytes(StandardCharsets.UTF_8);
        var buffer = ByteBuffer.allocate(9 + id.length);
        buffer.put((byte) resolution).putLong(start).put(id);
        return Bytes.wrap(buffer.array());
    }

    private static void writeKey(BinaryOut out, RollupKey k) {
        out.string(k.level().id()).string(k.cluster()).string(k.namespace()).string(k.workload()).string(k.pod())
                .string(k.container()).string(k.node());
    }

    private static RollupKey readKey(BinaryIn in) {
        return new RollupKey(Level.fromId(in.string()), in.string(), in.string(), in.string(), in.string(),
                in.string(), in.string());
    }

    private static void skipKey(BinaryIn in) {
        readKey(in);
    }
}
