package io.heapstream.aggregator;

import static io.heapstream.aggregator.Scrapes.C;
import static io.heapstream.aggregator.Scrapes.at;
import static io.heapstream.aggregator.Scrapes.pod;
import static io.heapstream.aggregator.Scrapes.scrape;
import static org.assertj.core.api.Assertions.assertThat;

import io.heapstream.model.Topics;
import io.heapstream.model.raw.PodMeta;
import io.heapstream.model.raw.PodStats;
import io.heapstream.model.raw.RawScrape;
import io.heapstream.model.rollup.Level;
import io.heapstream.model.rollup.Rollup;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A pod with thousands of labels must not make rollups the broker cannot take (the stream thread would die and
 * the restart would replay the same window): labels are capped per series where a scrape becomes a sample.
 */
class OversizedRollupTest {
    private static final Duration MINUTE = Duration.ofMinutes(1);

    @Test
    void podWithThousandsOfLabelsGetsRollupsOfBoundedSize() {
        var labels = new HashMap<String, String>();
        for (int i = 0; i < 5_000; i++) {
            labels.put("example.com/label-" + i, "value-" + "x".repeat(50) + i);   // ~400 KB in all
        }
        try (var harness = new TopologyHarness(RollupSettings.of(MINUTE, Duration.ofSeconds(10), List.of(), 1))) {
            harness.pipe(withLabels(scrape("c1", "n1", at("00:00:15"), 0, 1,
                    pod("shop", "a", "Deployment/web", 0, C.of("app", 0, 100))), labels));
            harness.pipe(scrape("c1", "n1", at("00:01:15"), 0, 1));   // closes [00:00, 00:01)

            var pods = TopologyHarness.of(harness.rollups(), Level.POD, MINUTE);
            assertThat(pods).singleElement().satisfies(p -> {
                assertThat(p.labels()).isNotEmpty();
                assertThat(bytes(p)).isLessThan(32 * 1024);
            });
        }
    }

    private static RawScrape withLabels(RawScrape scrape, Map<String, String> labels) {
        var p = scrape.pods().get(0);
        var m = p.meta();
        var meta = new PodMeta(labels, m.workloadKind(), m.workloadName(), m.qosClass(), m.containers());
        var pod = new PodStats(p.podRef(), p.startTime(), p.containers(), p.cpu(), p.memory(), p.network(),
                p.volume(), p.ephemeralStorage(), meta);
        return new RawScrape(scrape.schemaVersion(), scrape.cluster(), scrape.node(), scrape.scrapeTime(),
                scrape.nodeStats(), List.of(pod));
    }

    private static int bytes(Rollup rollup) {
        return Topics.ROLLUP.serializer().serialize("t", rollup).length;
    }
}
