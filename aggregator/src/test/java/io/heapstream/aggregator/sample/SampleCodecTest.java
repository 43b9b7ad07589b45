package io.heapstream.aggregator.sample;

import static org.assertj.core.api.Assertions.assertThat;

import io.heapstream.aggregator.sample.SeriesSample.Counter;
import io.heapstream.aggregator.sample.SeriesSample.Kind;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SampleCodecTest {
    private static SeriesSample series(String name, Map<String, String> labels) {
        var gauges = new MetricValues();
        gauges.put(Names.MEMORY_WORKING_SET, 123.0);
        gauges.put(MetricValues.id(Names.FS_USAGE, "volume-" + name), 4.5e15);
        return new SeriesSample(Kind.POD, "ns", name, null, "Deployment/web", labels, null, "2026-01-01T00:00:00Z/u",
                gauges, List.of(new Counter(RateMetric.RX, Long.MAX_VALUE - 1, 1_767_225_600_123_456_789L)));
    }

    @Test
    void sampleSurvivesTheRoundTripWithLongAndNonAsciiStrings() {
        var longName = "p".repeat(127) + "-" + "q".repeat(200);
        var sample = new NodeSample("c1", "node-ü", 1_767_225_600_000L, List.of(
                series(longName, Map.of("team", "zürich", "empty", "")),
                series("short", Map.of()),
                new SeriesSample(Kind.NODE, null, null, null, null, Map.of(), null, "null", new MetricValues(),
                        List.of())));
        var decoded = SampleCodec.decode(SampleCodec.encode(sample));
        assertThat(decoded.cluster()).isEqualTo("c1");
        assertThat(decoded.node()).isEqualTo("node-ü");
        assertThat(decoded.slotMillis()).isEqualTo(sample.slotMillis());
        assertThat(decoded.series()).hasSize(3);
        var first = decoded.series().get(0);
        assertThat(first.pod()).isEqualTo(longName);
        assertThat(first.labels()).isEqualTo(Map.of("team", "zürich", "empty", ""));
        assertThat(first.namespace()).isEqualTo("ns");
        assertThat(first.name()).isNull();
        assertThat(first.gauges().get(Names.MEMORY_WORKING_SET)).isEqualTo(123.0);
        assertThat(first.gauges().get(MetricValues.id(Names.FS_USAGE, "volume-" + longName))).isEqualTo(4.5e15);
        assertThat(first.counters()).isEqualTo(sample.series().get(0).counters());
        assertThat(decoded.series().get(2).kind()).isEqualTo(Kind.NODE);
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
}
