package io.heapstream.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.heapstream.model.Topics;
import io.heapstream.model.codec.RawScrapeWriter;
import io.heapstream.model.raw.AcceleratorStats;
import io.heapstream.model.raw.ContainerMeta;
import io.heapstream.model.raw.ContainerStats;
import io.heapstream.model.raw.CpuStats;
import io.heapstream.model.raw.NetworkStats;
import io.heapstream.model.raw.NodeStats;
import io.heapstream.model.raw.PodMeta;
import io.heapstream.model.raw.PodRef;
import io.heapstream.model.raw.PodStats;
import io.heapstream.model.raw.RawScrape;
import io.heapstream.simulator.FleetSpec.Churn;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SimulatedScrapeCodecTest {
    static final Instant START = Instant.parse("2025-11-04T19:15:00Z");

    @Test
    void writesTheSameBytesAsTheModelsSerde() {
        var fleet = new Fleet(FleetSpec.of(2, 3, 15, 2).withChurn(new Churn(5, 5)), START);
        var serializer = Topics.RAW_SCRAPE.serializer();
        for (int slot = 0; slot < 4; slot++) {
            for (var scrape : fleet.scrapes(START.plusSeconds(15L * slot))) {
                assertThat(new String(RawScrapeWriter.write(scrape), StandardCharsets.UTF_8))
                        .isEqualTo(new String(serializer.serialize("raw", scrape), StandardCharsets.UTF_8));
            }
        }
    }

    @Test
    void writesAbsentBlocksEscapesAndNonAsciiTheWayJacksonDoes() {
        var time = Instant.parse("2025-11-04T19:15:00Z");
        var meta = new PodMeta(Map.of("team", "z\u00fcrich \"core\"\\ops\n", "emoji", "\uD83D\uDE80"), "Pod",
                "p\tq", null, Map.of("c", new ContainerMeta(null, 5L, null, null, null, 0)));
        var container = new ContainerStats("c", null, new CpuStats(time, null, 12L), null, null, null,
                List.of(new AcceleratorStats("nvidia", "T4", "GPU-1", 16L, 2L, 40L)));
        var pod = new PodStats(new PodRef("p", "ns", null), null, List.of(container), null, null,
                new NetworkStats(time, "", null, null, null, null, null), null, null, meta);
        var node = new NodeStats("n", null, null, null, null, null, null, null, null);
        var scrape = new RawScrape(1, "c1", "n", time, node, List.of(pod));
        assertThat(new String(RawScrapeWriter.write(scrape), StandardCharsets.UTF_8))
                .isEqualTo(new String(Topics.RAW_SCRAPE.serializer().serialize("raw", scrape), StandardCharsets.UTF_8));
        assertThat(Topics.RAW_SCRAPE.deserializer().deserialize("raw", RawScrapeWriter.write(scrape))).isEqualTo(scrape);
    }
}
