package io.heapstream.aggregator.sample;

import io.heapstream.aggregator.sample.SeriesSample.Counter;
import io.heapstream.aggregator.sample.SeriesSample.Kind;
import io.heapstream.model.UtcTimes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Version 2 of the state store's sample ({@link SampleCodec}), less than half of version 1's bytes: RocksDB's
 * background work, the changelog, its compression and this codec all scale with them. A sample repeats itself
 * (namespaces, label keys, volume names, images, a pod's name on each of its containers), so every string goes
 * through a per-sample table: written once, then referred to by position. Numbers are mostly whole (bytes,
 * counts, nanoseconds): zigzag varints, with raw bits only where a varint would not give the double back.
 *
 * <p>Layout: {@code 0x00 0x02}, cluster, node, zigzag slotMillis, varint series count, the series.
 * <ul>
 * <li>A string is a varint x: 0 null; odd: a literal of {@code x >>> 1} UTF-8 bytes follows and joins the table; even:
 * table entry {@code x / 2 - 1}. Decoded strings are the table's shared instances.
 * <li>A series: varint flags (kind ordinal, +4/+8/+16 when namespace/pod/workload equal the previous series'
 * and are left out), namespace, pod, name, workload, varint label count and key/value strings, image, start,
 * gauges, counters.
 * <li>A start: varint 0 and a string; or, when it is {@link UtcTimes#text}'s text of whole seconds, 1 and the zigzag
 * seconds before the slot; or 2, those seconds and the string after the instant's '/' (a pod's uid).
 * <li>Gauges: varint count, each a varint header ({@code code << 1} for the id's code in {@link MetricIds},
 * +1 when the value is raw bits); for code 0 the id as a string, except a per-resource id's first time: null,
 * name and resource strings, after which the joined id joins the table; then the value as a zigzag varint or
 * 8 raw bytes.
 * <li>Counters: varint count, each a varint header ({@code ordinal << 1}, +1 when its time differs from the
 * previous counter's in the series, the first's from slotMillis × 10^6), zigzag value, zigzag time difference.
 * </ul>
 */
final class SampleCodecV2 {
    static final int VERSION = 2;
    private static final Kind[] KINDS = Kind.values();
    private static final int SAME_NAMESPACE = 4;
    private static final int SAME_POD = 8;
    private static final int SAME_WORKLOAD = 16;
    private static final int START_TEXT = 0;
    private static final int START_INSTANT = 1;
    private static final int START_INSTANT_SUFFIX = 2;
    /** {@code 2026-01-01T00:00:00Z}: what {@link UtcTimes#text} writes for whole seconds in years 1000–9999. */
    private static final int INSTANT_LENGTH = UtcTimes.PLAIN_LENGTH;
    private static final long NO_INSTANT = Long.MIN_VALUE;
    private static final ThreadLocal<Writer> WRITERS = ThreadLocal.withInitial(Writer::new);

    private SampleCodecV2() { }

    static byte[] encode(NodeSample sample) {
        return WRITERS.get().write(sample);
    }

    static NodeSample decode(byte[] bytes) {
        return new Reader(new BinaryIn(bytes)).read();
    }

    /** Whether a gauge needs its raw bits: a varint gives back whole numbers only, and not -0.0. */
    static boolean raw(double v) {
        long whole = (long) v;
        return (double) whole != v || whole == 0 && Double.doubleToRawLongBits(v) != 0;
    }

    /**
     * The epoch seconds of the instant text {@code s} starts with, followed by nothing or '/', or
     * {@link #NO_INSTANT}. {@link UtcTimes} checks every field's range, so such a text has one form, the one
     * {@link UtcTimes#text} writes back (by hand for the years 1000–9999, the only ones taken here).
     */
    static long leadingInstant(String s) {
        int n = s.length();
        if (n < INSTANT_LENGTH || n > INSTANT_LENGTH && s.charAt(INSTANT_LENGTH) != '/' || s.charAt(0) == '0') {
            return NO_INSTANT;
        }
        var instant = UtcTimes.parsePlain(n == INSTANT_LENGTH ? s : s.substring(0, INSTANT_LENGTH));
        return instant == null ? NO_INSTANT : instant.getEpochSecond();
    }

    /** One per thread, buffer and table reused: encoding is on the per-scrape hot path. */
    private static final class Writer {
        private final BinaryOut out = new BinaryOut(32 << 10);
        private final StringPositions table = new StringPositions();

        byte[] write(NodeSample sample) {
            out.reset();
            table.clear();
            out.varint(0).varint(VERSION);
            string(sample.cluster());
            string(sample.node());
            out.zigzag(sample.slotMillis()).varint(sample.series().size());
            SeriesSample prev = null;
            for (var s : sample.series()) {
                series(s, prev, sample.slotMillis());
                prev = s;
            }
            return out.toBytes();
        }

        private void series(SeriesSample s, SeriesSample prev, long slotMillis) {
            boolean sameNs = prev != null && Objects.equals(prev.namespace(), s.namespace());
            boolean samePod = prev != null && Objects.equals(prev.pod(), s.pod());
            boolean sameWorkload = prev != null && Objects.equals(prev.workload(), s.workload());
            out.varint(s.kind().ordinal() | (sameNs ? SAME_NAMESPACE : 0) | (samePod ? SAME_POD : 0)
                    | (sameWorkload ? SAME_WORKLOAD : 0));
            if (!sameNs) {
                string(s.namespace());
            }
            if (!samePod) {
                string(s.pod());
            }
            string(s.name());
            if (!sameWorkload) {
                string(s.workload());
            }
            out.varint(s.labels().size());
            s.labels().forEach((k, v) -> {
                string(k);
                string(v);
            });
            string(s.image());
            start(s.start(), Math.floorDiv(slotMillis, 1000));
            gauges(s.gauges());
            counters(s.counters(), slotMillis * 1_000_000);
        }

        /** A start is mostly an instant's text, alone (containers) or with "/uid" (pods): the instant as seconds. */
        private void start(String start, long slotSeconds) {
            long seconds = start == null ? NO_INSTANT : leadingInstant(start);
            if (seconds == NO_INSTANT) {
                out.varint(START_TEXT);
                string(start);
                return;
            }
            boolean suffix = start.length() > INSTANT_LENGTH;
            out.varint(suffix ? START_INSTANT_SUFFIX : START_INSTANT).zigzag(slotSeconds - seconds);
            if (suffix) {
                string(start.substring(INSTANT_LENGTH + 1));
            }
        }

        private void gauges(MetricValues gauges) {
            out.varint(gauges.size());
            for (int i = 0; i < gauges.size(); i++) {
                var id = gauges.id(i);
                double v = gauges.value(i);
                boolean raw = raw(v);
                int code = MetricIds.code(id);
                out.varint(code << 1 | (raw ? 1 : 0));
                if (code == 0) {
                    metricId(id);
                }
                if (raw) {
                    out.f64(v);
                } else {
                    out.zigzag((long) v);
                }
            }
        }

        /** A per-resource id is its name and resource, which other ids share (usage, limit, available). */
        private void metricId(String id) {
            int zero = id.indexOf('\0');
            if (zero < 0) {
                string(id);
                return;
            }
            int at = table.positionOf(id);
            if (at >= 0) {
                out.varint(at + 1 << 1);
                return;
            }
            out.varint(0);
            string(id.substring(0, zero));
            string(id.substring(zero + 1));
            table.add(id);
        }

        private void counters(List<Counter> counters, long timeNanos) {
            out.varint(counters.size());
            for (var c : counters) {
                boolean newTime = c.timeNanos() != timeNanos;
                out.varint(c.metric().ordinal() << 1 | (newTime ? 1 : 0)).zigzag(c.value());
                if (newTime) {
                    out.zigzag(c.timeNanos() - timeNanos);
                    timeNanos = c.timeNanos();
                }
            }
        }

        private void string(String s) {
            if (s == null) {
                out.varint(0);
                return;
            }
            int at = table.positionOf(s);
            if (at < 0) {
                table.add(s);
                out.flaggedString(s, 1);
            } else {
                out.varint(at + 1 << 1);
            }
        }
    }

    private static final class Reader {
        private final BinaryIn in;
        private final List<String> table = new ArrayList<>(256);

        Reader(BinaryIn in) {
            this.in = in;
        }

        NodeSample read() {
            if (in.varint() != 0 || in.varint() != VERSION) {
                throw new IllegalArgumentException("not a version " + VERSION + " sample");
            }
            var cluster = string();
            var node = string();
            long slotMillis = in.zigzag();
            int n = in.varint();
            var series = new ArrayList<SeriesSample>(n);
            SeriesSample prev = null;
            for (int i = 0; i < n; i++) {
                prev = series(prev, slotMillis);
                series.add(prev);
            }
            return new NodeSample(cluster, node, slotMillis, series);
        }

        private SeriesSample series(SeriesSample prev, long slotMillis) {
            int flags = in.varint();
            var ns = (flags & SAME_NAMESPACE) != 0 ? prev.namespace() : string();
            var pod = (flags & SAME_POD) != 0 ? prev.pod() : string();
            var name = string();
            var workload = (flags & SAME_WORKLOAD) != 0 ? prev.workload() : string();
            int nl = in.varint();
            Map<String, String> labels = nl == 0 ? Map.of() : new HashMap<>(nl * 2);
            for (int i = 0; i < nl; i++) {
                labels.put(string(), string());
            }
            var image = string();
            var start = start(Math.floorDiv(slotMillis, 1000));
            return new SeriesSample(KINDS[flags & 3], ns, pod, name, workload, labels, image, start, gauges(),
                    counters(slotMillis * 1_000_000));
        }

        private String start(long slotSeconds) {
            int tag = in.varint();
            if (tag == START_TEXT) {
                return string();
            }
            var instant = UtcTimes.text(Instant.ofEpochSecond(slotSeconds - in.zigzag()));
            return tag == START_INSTANT ? instant : instant + '/' + string();
        }

        private MetricValues gauges() {
            int n = in.varint();
            var gauges = new MetricValues(n + 4);
            for (int i = 0; i < n; i++) {
                int header = in.varint();
                int code = header >>> 1;
                var id = code > 0 ? MetricIds.id(code) : metricId();
                gauges.put(id, (header & 1) != 0 ? in.f64() : (double) in.zigzag());
            }
            return gauges;
        }

        private String metricId() {
            var id = string();
            if (id == null) {
                var name = string();
                id = MetricValues.id(name, string());
                table.add(id);
            }
            return id;
        }

        private List<Counter> counters(long timeNanos) {
            int n = in.varint();
            var counters = new ArrayList<Counter>(n);
            for (int i = 0; i < n; i++) {
                int header = in.varint();
                long value = in.zigzag();
                if ((header & 1) != 0) {
                    timeNanos += in.zigzag();
                }
                counters.add(new Counter(RateMetric.of(header >>> 1), value, timeNanos));
            }
            return counters;
        }

        private String string() {
            int x = in.varint();
            if (x == 0) {
                return null;
            }
            if ((x & 1) != 0) {
                var s = in.utf8(x >>> 1);
                table.add(s);
                return s;
            }
            return table.get((x >>> 1) - 1);
        }
    }
}
