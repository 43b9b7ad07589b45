package io.heapstream.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.heapstream.model.Topics;
import io.heapstream.model.codec.RawScrapeWriter;
import io.heapstream.model.raw.ContainerStats;
import io.heapstream.model.raw.PodStats;
import io.heapstream.model.raw.RawScrape;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ShiftableScrapeTest {
    static final Instant START = Instant.parse("2025-12-31T23:59:45Z");

    final Fleet fleet = new Fleet(FleetSpec.of(1, 1, 8, 2), START);
    final RawScrape original = fleet.scrape("cluster-1", "node-0001", START);
    final ShiftableScrape shiftable = ShiftableScrape.of(RawScrapeWriter.write(original));

    @Test
    void everyTimeMovesByTheShiftAndEverythingElseStays() {
        var shift = Duration.ofDays(40).plusSeconds(15);
        var moved = Topics.RAW_SCRAPE.deserializer().deserialize("raw", shiftable.shifted(shift));
        assertThat(moved.scrapeTime()).isEqualTo(original.scrapeTime().plus(shift)); // across a new year
        assertThat(moved.nodeStats().startTime()).isEqualTo(original.nodeStats().startTime().plus(shift));
        assertThat(moved.nodeStats().cpu().time()).isEqualTo(original.nodeStats().cpu().time().plus(shift));
        assertThat(moved.nodeStats().cpu().usageCoreNanoSeconds())
                .isEqualTo(original.nodeStats().cpu().usageCoreNanoSeconds());
        for (int p = 0; p < original.pods().size(); p++) {
            PodStats before = original.pods().get(p);
            PodStats after = moved.pods().get(p);
            assertThat(after.startTime()).isEqualTo(before.startTime().plus(shift));
            assertThat(after.ephemeralStorage().time()).isEqualTo(before.ephemeralStorage().time().plus(shift));
            assertThat(after.meta()).isEqualTo(before.meta());
            for (int c = 0; c < before.containers().size(); c++) {
                ContainerStats b = before.containers().get(c);
                ContainerStats a = after.containers().get(c);
                assertThat(a.startTime()).isEqualTo(b.startTime().plus(shift));
                assertThat(a.memory().time()).isEqualTo(b.memory().time().plus(shift));
                assertThat(a.cpu().usageCoreNanoSeconds()).isEqualTo(b.cpu().usageCoreNanoSeconds());
            }
        }
    }

    @Test
    void noShiftGivesTheSameBytes() {
        assertThat(shiftable.shifted(Duration.ZERO)).isEqualTo(shiftable.original());
    }

    @Test
    void onlyTimestampsAreTouched() {
        var before = new String(shiftable.original(), StandardCharsets.UTF_8);
        var after = new String(shiftable.shifted(Duration.ofSeconds(15)), StandardCharsets.UTF_8);
        var stripped = "\"\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ\"";
        assertThat(after.replaceAll(stripped, "T")).isEqualTo(before.replaceAll(stripped, "T"));
        assertThat(after).isNotEqualTo(before);
    }
}
