package io.heapstream.collector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.heapstream.collector.kubelet.KubeletClient;
import io.heapstream.collector.metadata.PodMetadata;
import io.heapstream.model.raw.RawScrape;
import io.heapstream.testkit.Fixtures;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class ScrapeGridTest {

    @Test
    void slotsAreWallClockMultiplesOfTheInterval() {
        var interval = Duration.ofSeconds(15);

        assertThat(ScrapeLoop.nextSlot(Instant.parse("2024-05-01T10:00:00Z"), interval))
                .isEqualTo(Instant.parse("2024-05-01T10:00:00Z"));
        assertThat(ScrapeLoop.nextSlot(Instant.parse("2024-05-01T10:00:00.001Z"), interval))
                .isEqualTo(Instant.parse("2024-05-01T10:00:15Z"));
        assertThat(ScrapeLoop.nextSlot(Instant.parse("2024-05-01T10:00:14.999Z"), interval))
                .isEqualTo(Instant.parse("2024-05-01T10:00:15Z"));
        assertThat(ScrapeLoop.nextSlot(Instant.parse("2024-05-01T10:00:59Z"), Duration.ofMinutes(1)))
                .isEqualTo(Instant.parse("2024-05-01T10:01:00Z"));
    }

    @Test
    void runningLoopScrapesOnGridSlotsAndStopsWhenTold() throws Exception {
        try (var kubelet = new FakeKubelet()) {
            kubelet.summary(FakeKubelet.body(Fixtures.bytes("elastic-beats/gke-derived/stats-summary-multiple-containers.json")));
            List<RawScrape> published = new CopyOnWriteArrayList<>();
            var client = new KubeletClient(new KubeletClient.Settings(null, null, false, Duration.ofMillis(400), 1 << 20));
            var loop = new ScrapeLoop("c1", "gke-node", kubelet.summaryUrl(), Duration.ofMillis(500), client,
                    PodMetadata.off(), published::add, new CollectorMetrics(new SimpleMeterRegistry()),
                    Clock.systemUTC());
            var thread = new Thread(loop, "test-loop");
            thread.start();

            await().atMost(Duration.ofSeconds(10)).until(() -> published.size() >= 3);
            loop.stop();
            thread.join(5_000);

            assertThat(thread.isAlive()).isFalse();
            assertThat(published).allSatisfy(s -> assertThat(s.scrapeTime().toEpochMilli() % 500).isZero());
            assertThat(published.get(1).scrapeTime()).isAfter(published.get(0).scrapeTime());
            assertThat(published.get(0).key()).isEqualTo("c1/gke-node");
        }
    }
}
