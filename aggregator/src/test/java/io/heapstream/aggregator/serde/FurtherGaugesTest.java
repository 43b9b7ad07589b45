package io.heapstream.aggregator.serde;

import static org.assertj.core.api.Assertions.assertThat;

import io.heapstream.aggregator.sample.SampleCodec;
import io.heapstream.aggregator.sample.SampleExtractor;
import io.heapstream.aggregator.sample.SeriesSample.Kind;
import io.heapstream.aggregator.sample.SeriesSample;
import io.heapstream.model.MetricCatalogue;
import io.heapstream.model.Topics;
import io.heapstream.model.codec.ScrapeReader;
import io.heapstream.model.raw.ContainerStats;
import io.heapstream.model.raw.NodeStats;
import io.heapstream.model.raw.PodRef;
import io.heapstream.model.raw.PodStats;
import io.heapstream.model.raw.RawScrape;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A kubelet gauge the typed blocks do not hold travels in {@code gauges} by catalogue name: the streaming reader
 * and the databind oracle give the same sample, and the gauge lands in its series under the catalogue's name.
 */
class FurtherGaugesTest {
    private static final String CACHE = MetricCatalogue.MEMORY_CACHE.name();

    private static byte[] json() {
        var container = new ContainerStats("app", null, null, null, null, null, List.of(), Map.of(CACHE, 5L));
        var system = new ContainerStats("kubelet", null, null, null, null, null, List.of(), Map.of(CACHE, 6L));
        var pod = new PodStats(new PodRef("p", "ns", "u"), null, List.of(container), null, null, null, List.of(), null,
                null, Map.of(CACHE, 7L, "custom/not_in_the_catalogue", 8L));
        var node = new NodeStats("n1", null, null, null, null, null, null, List.of(system), null, Map.of(CACHE, 9L));
        return Topics.RAW_SCRAPE.serializer().serialize("t",
                new RawScrape(1, "c1", "n1", Instant.parse("2026-01-01T00:01:00Z"), node, List.of(pod)));
    }

    private static SeriesSample series(List<SeriesSample> all, Kind kind) {
        return all.stream().filter(s -> s.kind() == kind).findFirst().orElseThrow();
    }

    @Test
    void theStreamingReaderGivesTheSampleTheDatabindReaderGives() throws Exception {
        var fast = SampleCodec.encode(SampleExtractor.extract(ScrapeReader.read(json())));
        var oracle = SampleCodec.encode(SampleExtractor.extract(new RawScrapeDeserializer().deserialize("t", json())));

        assertThat(fast).isEqualTo(oracle);
    }

    @Test
    void eachSeriesCarriesItsGaugesUnderTheCataloguesOwnNames() throws Exception {
        var series = SampleExtractor.extract(ScrapeReader.read(json())).series();

        assertThat(series(series, Kind.NODE).gauges().get(CACHE)).isEqualTo(9);
        assertThat(series(series, Kind.SYS_CONTAINER).gauges().get(CACHE)).isEqualTo(6);
        assertThat(series(series, Kind.CONTAINER).gauges().get(CACHE)).isEqualTo(5);
        var pod = series(series, Kind.POD).gauges();
        assertThat(pod.get(CACHE)).isEqualTo(7);
        assertThat(pod.id(pod.indexOf(CACHE))).isSameAs(CACHE);
        assertThat(pod.get("custom/not_in_the_catalogue")).isEqualTo(8);
    }
}
