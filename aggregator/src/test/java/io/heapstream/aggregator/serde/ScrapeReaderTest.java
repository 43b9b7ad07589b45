package io.heapstream.aggregator.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.heapstream.aggregator.FixtureReplay;
import io.heapstream.aggregator.RandomFleet;
import io.heapstream.aggregator.Scrapes;
import io.heapstream.aggregator.sample.SampleCodec;
import io.heapstream.aggregator.sample.SampleExtractor;
import io.heapstream.model.Json;
import io.heapstream.model.Topics;
import io.heapstream.model.codec.RawScrapeWriter;
import io.heapstream.model.codec.ScrapeReader;
import io.heapstream.simulator.Fleet;
import io.heapstream.simulator.FleetSpec;
import io.heapstream.testkit.Fixtures;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

/**
 * The streaming reader gives the node stage exactly the sample the databind path (RawScrape →
 * SampleExtractor, the oracle here) gives, byte for byte in the state store's encoding, and where the
 * oracle rejects a record the deserializer rejects it too.
 */
class ScrapeReaderTest {
    private static final Instant SLOT = Instant.parse("2026-01-01T00:01:00Z");

    /** The oracle's encoded sample, or null when it rejects the record. */
    private static byte[] oracle(byte[] json) {
        try {
            var scrape = new RawScrapeDeserializer().deserialize("t", json);
            return SampleCodec.encode(SampleExtractor.extract(scrape));
        } catch (RuntimeException rejected) {
            return null;
        }
    }

    private static void assertSameSampleAsTheOracle(String what, byte[] json) throws Exception {
        assertSameSampleAsTheOracle(what, json, true);
    }

    private static void assertSameSampleAsTheOracle(String what, byte[] json, boolean canonical) throws Exception {
        var expected = oracle(json);
        if (expected == null) {
            assertThatThrownBy(() -> new RawRecordDeserializer().deserialize("t", json)).as(what)
                    .isInstanceOf(SerializationException.class);
            return;
        }
        if (canonical) {   // the fast path itself, not the fallback: canonical JSON never needs the databind reader
            var fast = SampleCodec.encode(SampleExtractor.extract(ScrapeReader.read(json)));
            assertThat(fast).as(what).isEqualTo(expected);
        }
        assertThat(SampleCodec.encode(new RawRecordDeserializer().deserialize("t", json).sample())).as(what)
                .isEqualTo(expected);
    }

    @Test
    void everyKubeletCaptureInTheTestKitGivesTheSameSampleAsTheDatabindPath() throws Exception {
        var summaries = Fixtures.paths().stream().filter(p -> p.contains("summary") && p.endsWith(".json")).toList();
        assertThat(summaries).hasSizeGreaterThanOrEqualTo(FixtureReplay.SUMMARIES.size());
        int accepted = 0;
        for (var path : summaries) {
            // the capture's own JSON, unused fields and all, inside a raw scrape's envelope
            var summary = Json.mapper().readTree(Fixtures.string(path));
            var envelope = Json.mapper().createObjectNode().put("schemaVersion", 1).put("cluster", "c1")
                    .put("node", summary.path("node").path("nodeName").asText("n1")).put("scrapeTime", SLOT.toString());
            envelope.set("nodeStats", summary.get("node"));
            envelope.set("pods", summary.get("pods"));
            var json = Json.mapper().writeValueAsBytes(envelope);
            assertSameSampleAsTheOracle(path, json);
            accepted += oracle(json) == null ? 0 : 1;
        }
        for (var path : FixtureReplay.SUMMARIES) {
            for (int step = 0; step < 3; step++) {
                var scrape = FixtureReplay.scrape(path, "c1", SLOT.plusSeconds(15L * step), step);
                var json = Topics.RAW_SCRAPE.serializer().serialize("t", scrape);
                assertSameSampleAsTheOracle(path + " step " + step, json);
            }
        }
        assertThat(accepted).as("captures the oracle reads").isGreaterThanOrEqualTo(FixtureReplay.SUMMARIES.size());
    }

    @Test
    void simulatedFleetWithChurnAndTheRandomFleetGiveTheSameSamples() throws Exception {
        var start = Instant.parse("2026-01-01T00:00:00Z");
        var fleet = new Fleet(new FleetSpec(2, 3, 12, 2, 7, Duration.ofSeconds(15), FleetSpec.Churn.typical()), start);
        for (int s = 0; s < 40; s++) {
            for (var scrape : fleet.scrapes(start.plusSeconds(15L * s))) {
                assertSameSampleAsTheOracle(scrape.key() + " slot " + s, RawScrapeWriter.write(scrape));
            }
        }
        for (var scrape : new RandomFleet(11).arrivals(30)) {
            assertSameSampleAsTheOracle(scrape.key(), Topics.RAW_SCRAPE.serializer().serialize("t", scrape));
        }
    }

    @Test
    void nonCanonicalJsonIsReadByTheDatabindFallbackAndGarbageIsRejected() throws Exception {
        var scrape = Scrapes.scrape("c1", "n1", Scrapes.at("00:00:15"), 5, 6,
                Scrapes.pod("ns", "p", "Deployment/web", 7, Scrapes.C.of("app", 8, 9)));
        var tree = (ObjectNode) Json.mapper().valueToTree(scrape);
        var memory = (ObjectNode) tree.withArray("pods").get(0).withArray("containers").get(0).get("memory");
        memory.put("workingSetBytes", "12345");                 // a number in quotes: Jackson coerces it
        var quoted = Json.mapper().writeValueAsBytes(tree);
        assertThatThrownBy(() -> ScrapeReader.read(quoted)).isInstanceOf(java.io.IOException.class);
        assertSameSampleAsTheOracle("quoted number", quoted, false);
        assertThat(oracle(quoted)).isNotNull();

        for (var bad : List.of("{not json", "", "[]", "{\"cluster\":\"c\",\"node\":\"n\",\"scrapeTime\":\"yesterday\"}",
                "{\"cluster\":\"c\",\"node\":\"n\"}", "{\"cluster\":\"c\",\"node\":\"n\",\"scrapeTime\":"
                        + "\"2026-01-01T00:00:00Z\",\"pods\":[{\"podRef\":{\"name\":\"p\"}}]}",
                "{\"cluster\":\"c\",\"node\":\"n\",\"scrapeTime\":\"2026-01-01T00:00:00Z\",\"pods\":[{}]}")) {
            var bytes = bad.getBytes(StandardCharsets.UTF_8);
            assertThat(oracle(bytes)).as(bad).isNull();
            assertSameSampleAsTheOracle(bad, bytes);
        }
        assertThat(new RawRecordDeserializer().deserialize("t", "null".getBytes(StandardCharsets.UTF_8))).isNull();
        assertThat(new RawRecordDeserializer().deserialize("t", null)).isNull();
    }
}
