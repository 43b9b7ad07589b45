package io.heapstream.aggregator.sample;

import static io.heapstream.aggregator.sample.SampleAssert.roundTrips;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.heapstream.aggregator.sample.SeriesSample.Counter;
import io.heapstream.aggregator.sample.SeriesSample.Kind;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SampleCodecTest {
    private static final long SLOT = 1_767_225_600_000L;
    private static final double[] DOUBLES = {0.0, -0.0, 1.0, -1.0, 0.5, -3.25, 1e-300, 1e300, Double.MIN_VALUE,
        Double.MAX_VALUE, -Double.MAX_VALUE, Double.NaN, Double.longBitsToDouble(0x7ff0_0000_0000_0001L),
        Double.longBitsToDouble(0xfff8_0000_0000_0042L), Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
        9.223372036854775807E18, -9.223372036854775808E18, 1.8446744073709552E19, 9_007_199_254_740_993.0,
        (double) (1L << 53), 4.5e15, 123_456_789.0, 0.1 + 0.2};
    private static final String[] STARTS = {null, "", "null", "null/uid", "2026-01-01T00:00:00Z",
        "2026-01-01T00:00:00Z/0f8e2b1c-3d4a-4b5c-8d6e-7f8091a2b3c4", "2026-01-01T00:00:00Z/", "2026-01-01T00:00:00Z//",
        "1970-01-01T00:00:00Z", "2099-12-31T23:59:59Z/x", "2026-01-01T00:00:00.5Z", "2026-02-30T00:00:00Z",
        "2026-01-01T24:00:00Z", "2026-13-01T00:00:00Z", "0999-01-01T00:00:00Z", "+10000-01-01T00:00:00Z",
        "2026-01-01T00:00:00Zx", "2026-01-01 00:00:00Z", "２０２６-01-01T00:00:00Z", "2026-01-01T00:00:00Z/ü",
        "1000-01-01T00:00:00Z", "9999-12-31T23:59:59Z/u", "2000-02-29T12:00:00Z", "1900-02-29T00:00:00Z",
        "2100-03-01T00:00:60Z", "2026-01-01T00:00:00.000Z/u"};

    private static SeriesSample series(String name, Map<String, String> labels) {
        var gauges = new MetricValues();
        gauges.put(Names.MEMORY_WORKING_SET, 123.0);
        gauges.put(MetricValues.id(Names.FS_USAGE, "volume-" + name), 4.5e15);
        return new SeriesSample(Kind.POD, "ns", name, null, "Deployment/web", labels, null, "2026-01-01T00:00:00Z/u",
                gauges, List.of(new Counter(RateMetric.RX, Long.MAX_VALUE - 1, 1_767_225_600_123_456_789L)));
    }

    private static SeriesSample bare(Kind kind, String start, MetricValues gauges, List<Counter> counters) {
        return new SeriesSample(kind, null, null, null, null, Map.of(), null, start, gauges, counters);
    }

    @Test
    void sampleSurvivesTheRoundTripWithLongAndNonAsciiStrings() {
        var longName = "p".repeat(127) + "-" + "q".repeat(200);
        var labels = new HashMap<String, String>(Map.of("team", "zürich", "empty", "", "long", "ü".repeat(40)));
        labels.put("nothing", null);
        roundTrips("long and non-ASCII", new NodeSample("c1", "node-ü", SLOT, List.of(
                series(longName, labels),
                series("short", Map.of()),
                series("日本語-" + "é".repeat(70), Map.of("\0", "a\0b", "", "")),
                bare(Kind.NODE, "null", new MetricValues(), List.of()))));
    }

    @Test
    void everyNullableFieldMayBeNullOrEmptyAndTheClusterMayBeEmpty() {
        var series = new ArrayList<SeriesSample>();
        for (var kind : Kind.values()) {
            series.add(bare(kind, null, new MetricValues(), List.of()));
            series.add(new SeriesSample(kind, "", "", "", "", Map.of("", ""), "", "", new MetricValues(), List.of()));
            series.add(new SeriesSample(kind, "ns", null, "c", null, Map.of(), "img", null, new MetricValues(),
                    List.of()));
        }
        roundTrips("nulls", new NodeSample("", "", 0, series));
        roundTrips("no series", new NodeSample("c", "n", SLOT, List.of()));
    }

    @Test
    void gaugesKeepEveryDoubleBitForBit() {
        var gauges = new MetricValues();
        var catalogue = List.of(Names.MEMORY_USAGE, Names.UPTIME, Names.CPU_REQUEST, Names.RESTART_COUNT);
        for (int i = 0; i < DOUBLES.length; i++) {
            gauges.put(i < catalogue.size() ? catalogue.get(i) : MetricValues.id(Names.FS_USAGE, "v" + i), DOUBLES[i]);
        }
        for (long v : new long[] {Long.MAX_VALUE, Long.MIN_VALUE, Long.MIN_VALUE + 1, -1L << 62, 1L << 62}) {
            gauges.put(MetricValues.id(Names.FS_LIMIT, "l" + v), v);
        }
        for (double v : DOUBLES) {
            var one = new MetricValues();
            one.put(Names.MEMORY_RSS, v);
            roundTrips("double " + v, new NodeSample("c", "n", SLOT, List.of(bare(Kind.NODE, null, one, List.of()))));
        }
        roundTrips("doubles", new NodeSample("c", "n", SLOT, List.of(bare(Kind.NODE, null, gauges, List.of()))));
    }

    @Test
    void countersKeepExtremeValuesAndTimesFarFromTheSlot() {
        long[] values = {0, 1, -1, Long.MAX_VALUE, Long.MIN_VALUE, 1L << 40};
        long[] times = {SLOT * 1_000_000, SLOT * 1_000_000, SLOT * 1_000_000 - 2_000_000_000L, Long.MIN_VALUE,
            Long.MAX_VALUE, 0};
        var counters = new ArrayList<Counter>();
        for (int i = 0; i < values.length; i++) {
            counters.add(new Counter(RateMetric.of(i % RateMetric.values().length), values[i], times[i]));
        }
        var reversed = new ArrayList<>(counters);
        Collections.reverse(reversed);
        var series = List.of(bare(Kind.NODE, null, new MetricValues(), counters),
                bare(Kind.SYS_CONTAINER, null, new MetricValues(), reversed));
        for (long slot : new long[] {SLOT, 0, -1, Long.MAX_VALUE, Long.MIN_VALUE}) {
            roundTrips("slot " + slot, new NodeSample("c", "n", slot, series));
        }
    }

    @Test
    void startsThatLookLikeInstantsAndThoseThatOnlyAlmostDoSurvive() {
        var series = new ArrayList<SeriesSample>();
        for (var start : STARTS) {
            series.add(bare(Kind.CONTAINER, start, new MetricValues(), List.of()));
        }
        for (long slot : new long[] {SLOT, 0, -86_400_000L * 365 * 3000}) {
            roundTrips("starts at slot " + slot, new NodeSample("c", "n", slot, series));
        }
        assertThat(SampleCodecV2.leadingInstant("2026-01-01T00:00:00Z/u")).isEqualTo(SLOT / 1000);
        assertThat(SampleCodecV2.leadingInstant("2026-02-30T00:00:00Z")).isEqualTo(Long.MIN_VALUE);
    }

    @Test
    void instantTextsAreRecognisedAcrossTheYearsInstantTextWritesByHand() {
        var random = new java.util.Random(7);
        long first = java.time.Instant.parse("1000-01-01T00:00:00Z").getEpochSecond();
        long last = java.time.Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
        for (int i = 0; i < 100_000; i++) {
            long t = i < 2 ? (i == 0 ? first : last) : first + (long) (random.nextDouble() * (last - first));
            var text = InstantText.text(java.time.Instant.ofEpochSecond(t));
            assertThat(SampleCodecV2.leadingInstant(text)).as(text).isEqualTo(t);
            assertThat(SampleCodecV2.leadingInstant(text + "/uid")).as(text).isEqualTo(t);
        }
    }

    @Test
    void perResourceIdsWithUnusualResourcesAndNamesSurvive() {
        var gauges = new MetricValues();
        var resources = List.of("", "\0", "a\0b", "ü/ß", "x".repeat(200), "team", "filesystem/usage", "rootfs");
        for (var resource : resources) {
            for (var name : List.of(Names.FS_USAGE, Names.FS_LIMIT, Names.MEMORY_USAGE, "", "custom/x")) {
                gauges.put(MetricValues.id(name, resource), 7.0);
            }
        }
        gauges.put("custom/plain", 1.5);
        gauges.put("", 2.0);
        gauges.put(new String(Names.UPTIME.toCharArray()), 3.0);   // an equal id, not the catalogue's instance
        var labels = Map.of("team", "rootfs", "filesystem/usage", "a\0b");
        var series = new SeriesSample(Kind.POD, "ns", "p", null, null, labels, null, null, gauges, List.of());
        roundTrips("per-resource ids", new NodeSample("c", "n", SLOT, List.of(series, series, series)));
    }

    @Test
    void manySeriesAndManyDistinctStringsUseLongerReferences() {
        var series = new ArrayList<SeriesSample>();
        for (int i = 0; i < 300; i++) {
            var gauges = new MetricValues();
            gauges.put(MetricValues.id(Names.FS_USAGE, "volume-" + i), i);
            gauges.put(MetricValues.id(Names.FS_USAGE, "volume-" + i / 2), -i);
            gauges.put(Names.MEMORY_USAGE, i * 1e9);
            var labels = Map.of("app", "app-" + i % 7, "pod-template-hash", "h" + i, "back", "h" + i / 3);
            series.add(new SeriesSample(Kind.values()[i % 4], "ns-" + i % 5, "pod-" + i / 2, "c-" + i, "w-" + i % 9,
                    labels, "image-" + i % 11, "2026-01-01T00:00:00Z/" + i % 13, gauges,
                    List.of(new Counter(RateMetric.CPU, i * 1_000_000_007L, SLOT * 1_000_000 - i))));
        }
        roundTrips("300 series", new NodeSample("c", "n", SLOT, series));
    }

    @Test
    void anUnknownVersionIsRejected() {
        assertThatThrownBy(() -> SampleCodec.decode(new byte[] {0, 3, 0})).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void stringsOfExactly126And127CharactersKeepTheirLength() {
        for (int n : new int[] {0, 1, 126, 127, 128, 300}) {
            var s = "x".repeat(n);
            var in = new BinaryIn(new BinaryOut(4).string(s).string(null).toBytes());
            assertThat(in.string()).isEqualTo(s);
            assertThat(in.string()).isNull();
        }
    }

    @Test
    void flaggedStringsAndVarlongsReadBackAsWritten() {
        var out = new BinaryOut(4);
        var strings = List.of("", "a", "x".repeat(63), "x".repeat(64), "ü".repeat(40), "é", "x".repeat(300));
        strings.forEach(s -> out.flaggedString(s, 1).flaggedString(s, 0));
        long[] longs = {0, 1, -1, 63, 64, -64, -65, Long.MAX_VALUE, Long.MIN_VALUE, 1L << 35};
        for (long v : longs) {
            out.varlong(v).zigzag(v);
        }
        var in = new BinaryIn(out.toBytes());
        for (var s : strings) {
            for (int flag : new int[] {1, 0}) {
                int prefix = in.varint();
                assertThat(prefix & 1).isEqualTo(flag);
                assertThat(in.utf8(prefix >>> 1)).isEqualTo(s);
            }
        }
        for (long v : longs) {
            assertThat(in.varlong()).isEqualTo(v);
            assertThat(in.zigzag()).isEqualTo(v);
        }
        assertThat(in.hasMore()).isFalse();
    }
}
