package io.heapstream.aggregator.sample;

import static io.heapstream.aggregator.sample.SampleAssert.roundTrips;
import static org.assertj.core.api.Assertions.assertThat;

import io.heapstream.aggregator.serde.RawScrapeDeserializer;
import io.heapstream.model.Json;
import io.heapstream.simulator.Fleet;
import io.heapstream.simulator.FleetSpec;
import io.heapstream.testkit.Fixtures;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The sample format on real kubelet captures and simulated fleets: lossless, in both versions, and compact. */
class SampleCodecFleetTest {
    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void everyKubeletCaptureRoundTrips() throws Exception {
        int read = 0;
        for (var path : Fixtures.paths()) {
            if (!path.contains("summary") || !path.endsWith(".json")) {
                continue;
            }
            // the capture inside a raw scrape's envelope, as the collector would send it
            var summary = Json.mapper().readTree(Fixtures.string(path));
            var envelope = Json.mapper().createObjectNode().put("schemaVersion", 1).put("cluster", "c1")
                    .put("node", summary.path("node").path("nodeName").asText("n1"))
                    .put("scrapeTime", START.plusSeconds(60).toString());
            envelope.set("nodeStats", summary.get("node"));
            envelope.set("pods", summary.get("pods"));
            NodeSample sample;
            try {
                sample = SampleExtractor.extract(new RawScrapeDeserializer().deserialize("t",
                        Json.mapper().writeValueAsBytes(envelope)));
            } catch (RuntimeException unreadable) {   // a capture the aggregator rejects has no sample
                continue;
            }
            roundTrips(path, sample);
            read++;
        }
        assertThat(read).as("captures read").isGreaterThanOrEqualTo(3);
    }

    @Test
    void simulatedFleetsWithChurnRoundTrip() {
        var interval = Duration.ofSeconds(15);
        for (var spec : new FleetSpec[] {new FleetSpec(2, 3, 12, 2, 7, interval, FleetSpec.Churn.typical()),
                new FleetSpec(1, 2, 30, 1, 42, interval, new FleetSpec.Churn(60, 60))}) {
            var fleet = new Fleet(spec, START);
            for (int s = 0; s < 20; s++) {
                for (var scrape : fleet.scrapes(START.plusSeconds(15L * s))) {
                    roundTrips(spec + " " + scrape.key() + " slot " + s, SampleExtractor.extract(scrape));
                }
            }
        }
    }

    @Test
    void aThirtyPodSampleTakesAtMostHalfTheBytesOfVersionOne() {
        var fleet = new Fleet(new FleetSpec(1, 4, 30, 1, 42, Duration.ofSeconds(15), FleetSpec.Churn.typical()), START);
        long v1 = 0;
        long v2 = 0;
        for (int s = 0; s < 4; s++) {
            for (var scrape : fleet.scrapes(START.plusSeconds(15L * s))) {
                var sample = SampleExtractor.extract(scrape);
                int one = SampleCodecV1.encode(sample).length;
                int two = SampleCodec.encode(sample).length;
                assertThat(two).as(scrape.key()).isLessThanOrEqualTo(one / 2);
                v1 += one;
                v2 += two;
            }
        }
        System.out.printf(Locale.ROOT, "30-pod samples: v1 %d bytes, v2 %d bytes (%.1f%%)%n", v1 / 16, v2 / 16, 100.0 * v2 / v1);
    }
}
