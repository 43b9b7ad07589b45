package io.heapstream.aggregator;

import static io.heapstream.aggregator.Scrapes.C;
import static io.heapstream.aggregator.Scrapes.at;
import static io.heapstream.aggregator.Scrapes.pod;
import static io.heapstream.aggregator.Scrapes.scrape;
import static org.assertj.core.api.Assertions.assertThat;

import io.heapstream.model.rollup.Level;
import io.heapstream.model.rollup.RollupKey;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Windows close on event time, once; late, duplicate and quiet partitions; totals over time. */
class WindowRulesTest {
    private static final Duration MINUTE = Duration.ofMinutes(1);
    private final RollupSettings settings = RollupSettings.of(MINUTE, Duration.ofSeconds(10),
            List.of(Duration.ofMinutes(2)), 1);

    private static Scrapes.P web(String name, long workingSet) {
        return pod("shop", name, "Deployment/web", 0, C.of("app", 0, workingSet));
    }

    @Test
    void windowClosesWhenStreamTimePassesEndPlusGrace() {
        try (var harness = new TopologyHarness(settings)) {
            harness.pipe(scrape("c1", "n1", at("00:00:15"), 0, 1, web("a", 100)));
            harness.pipe(scrape("c1", "n1", at("00:01:00"), 0, 1, web("a", 100)));   // stream time 01:00 < 01:10
            assertThat(harness.rollups()).isEmpty();
            harness.pipe(scrape("c1", "n1", at("00:01:15"), 0, 1, web("a", 100)));   // 01:15 ≥ 01:10: [00:00, 00:01) closes
            var out = harness.rollups();
            assertThat(out).extracting(r -> r.windowStart()).containsOnly(at("00:00:00"));
            assertThat(out).extracting(r -> r.key().level()).contains(Level.CONTAINER, Level.POD, Level.NODE,
                    Level.NAMESPACE, Level.WORKLOAD, Level.CLUSTER, Level.FLEET);
            harness.pipe(scrape("c1", "n1", at("00:01:30"), 0, 1, web("a", 100)));   // nothing new closes
            assertThat(harness.rollups()).isEmpty();
        }
    }

    @Test
    void namespacePeakIsThePeakOfTheTotalNotTheSumOfPeaks() {
        try (var harness = new TopologyHarness(settings)) {
            harness.pipe(scrape("c1", "n1", at("00:00:00"), 0, 1, web("a", 100), web("b", 10)));   // total 110
            harness.pipe(scrape("c1", "n2", at("00:00:00"), 0, 1, web("c", 5)));                   // total 115
            harness.pipe(scrape("c1", "n1", at("00:00:30"), 0, 1, web("a", 10), web("b", 100)));   // total 110
            harness.pipe(scrape("c1", "n2", at("00:00:30"), 0, 1, web("c", 50)));                  // total 160
            harness.pipe(scrape("c1", "n1", at("00:01:10"), 0, 1));
            harness.pipe(scrape("c1", "n2", at("00:01:10"), 0, 1));        // both nodes past: closes [00:00, 00:01)

            var ns = TopologyHarness.of(harness.rollups(), Level.NAMESPACE, MINUTE);
            assertThat(ns).extracting(r -> r.key()).containsExactly(RollupKey.namespace("c1", "shop"));
            var ws = ns.get(0).metric("memory/working_set");
            assertThat(ws.count()).isEqualTo(2);
            assertThat(ws.max()).isEqualTo(160.0);                 // not 100 + 100 + 50
            assertThat(ws.min()).isEqualTo(115.0);
            assertThat(ws.avg()).isEqualTo(137.5);
            assertThat(ws.last()).isEqualTo(160.0);
            var requests = ns.get(0).metric("cpu/request");
            assertThat(requests.last()).isEqualTo(300.0);           // three containers × 100 m
        }
    }

    @Test
    void duplicateScrapeDoesNotDoubleCount() {
        try (var harness = new TopologyHarness(settings)) {
            var first = scrape("c1", "n1", at("00:00:15"), 0, 1, web("a", 100));
            harness.pipe(first);
            harness.pipe(scrape("c1", "n1", at("00:00:30"), 0, 1, web("a", 300)));
            harness.pipe(first);                                                   // same node and slot again
            harness.pipe(scrape("c1", "n1", at("00:01:10"), 0, 1));                // closes [00:00, 00:01)

            var ns = TopologyHarness.of(harness.rollups(), Level.NAMESPACE, MINUTE).get(0);
            var ws = ns.metric("memory/working_set");
            assertThat(ws.count()).isEqualTo(2);
            assertThat(ws.avg()).isEqualTo(200.0);
        }
    }

    @Test
    void lateScrapeGoesToTheLateTopicAndNotIntoTheClosedWindow() {
        try (var harness = new TopologyHarness(settings)) {
            harness.pipe(scrape("c1", "n1", at("00:00:15"), 0, 1, web("a", 100)));
            harness.pipe(scrape("c1", "n1", at("00:00:50"), 0, 1, web("a", 120)));  // out of order but in grace:
            harness.pipe(scrape("c1", "n1", at("00:00:30"), 0, 1, web("a", 110)));  // counted
            harness.pipe(scrape("c1", "n1", at("00:01:15"), 0, 1, web("a", 0)));    // closes [00:00, 00:01)
            var late = scrape("c1", "n1", at("00:00:45"), 0, 1, web("a", 1_000_000));
            harness.pipe(late);                                                     // its window closed: late

            var pod = TopologyHarness.of(harness.rollups(), Level.POD, MINUTE).get(0);
            var ws = pod.metric("memory/working_set");
            assertThat(ws.count()).isEqualTo(3);
            assertThat(ws.max()).isEqualTo(120.0);
            assertThat(ws.last()).isEqualTo(120.0);                                 // latest slot, not latest arrival
            assertThat(harness.late.readValuesToList()).containsExactly(late);
        }
    }

    @Test
    void windowClosesWhenPartitionGoesQuiet() {
        var quick = settings.withIdleTimeout(Duration.ofSeconds(20));
        try (var harness = new TopologyHarness(quick)) {
            harness.pipe(scrape("c1", "n1", at("00:00:15"), 0, 1, web("a", 100)));  // stream time stays 00:00:15
            harness.driver.advanceWallClockTime(Duration.ofSeconds(15));           // quiet 15 s < 20 s: still open
            assertThat(harness.rollups()).isEmpty();
            harness.driver.advanceWallClockTime(Duration.ofSeconds(10));           // quiet 25 s: closes what is open
            var out = harness.rollups();
            assertThat(TopologyHarness.of(out, Level.POD, MINUTE)).hasSize(1);
            assertThat(TopologyHarness.of(out, Level.NAMESPACE, MINUTE)).hasSize(1);
            harness.pipe(scrape("c1", "n1", at("00:00:30"), 0, 1, web("a", 100)));  // its window was closed: late
            assertThat(harness.late.readValuesToList()).hasSize(1);
        }
    }

    @Test
    void coarserResolutionIsBuiltFromTheFinerRollups() {
        try (var harness = new TopologyHarness(settings)) {
            harness.pipe(scrape("c1", "n1", at("00:00:00"), 0, 1, web("a", 100)));
            harness.pipe(scrape("c1", "n1", at("00:00:30"), 0, 1, web("a", 200)));
            harness.pipe(scrape("c1", "n1", at("00:01:00"), 0, 1, web("a", 600)));
            harness.pipe(scrape("c1", "n1", at("00:02:10"), 0, 1));                 // closes [00:00, 00:02) of 2 min

            var coarse = TopologyHarness.of(harness.rollups(), Level.POD, Duration.ofMinutes(2));
            assertThat(coarse).hasSize(1);
            var ws = coarse.get(0).metric("memory/working_set");
            assertThat(ws.count()).isEqualTo(3);
            assertThat(ws.avg()).isEqualTo(300.0);                                  // (150·2 + 600·1) / 3
            assertThat(ws.min()).isEqualTo(100.0);
            assertThat(ws.max()).isEqualTo(600.0);
            assertThat(ws.last()).isEqualTo(600.0);
        }
    }

    @Test
    void podWithoutMetadataCountsInItsNamespaceButInNoWorkload() {
        try (var harness = new TopologyHarness(settings)) {
            harness.pipe(scrape("c1", "n1", at("00:00:00"), 0, 1, web("a", 100),
                    pod("shop", "bare", null, 0, C.of("app", 0, 7))));
            harness.pipe(scrape("c1", "n1", at("00:01:10"), 0, 1));

            var out = harness.rollups();
            var ns = TopologyHarness.of(out, Level.NAMESPACE, MINUTE).get(0);
            var wl = TopologyHarness.of(out, Level.WORKLOAD, MINUTE);
            assertThat(ns.metric("memory/working_set").last()).isEqualTo(107.0);
            assertThat(wl).extracting(r -> r.key()).containsExactly(RollupKey.workload("c1", "shop", "Deployment/web"));
            assertThat(wl.get(0).metric("memory/working_set").last()).isEqualTo(100.0);
        }
    }
}
