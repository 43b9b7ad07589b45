package io.heapstream.aggregator;

import static io.heapstream.aggregator.Scrapes.C;
import static org.assertj.core.api.Assertions.assertThat;
import static io.heapstream.aggregator.Scrapes.at;
import static io.heapstream.aggregator.Scrapes.pod;
import static io.heapstream.aggregator.Scrapes.scrape;

import io.heapstream.model.raw.RawScrape;
import io.heapstream.testkit.reference.ReferenceRollups;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;


/** The topology's output equals the independent reference on hand-made, fixture and randomized input. */
class RollupTopologyReferenceTest {
    private static final Duration WINDOW = Duration.ofMinutes(1);
    private static final Duration GRACE = Duration.ofSeconds(30);
    private static final List<Duration> COARSER = List.of(Duration.ofMinutes(5));

    @Test
    void twoNodesOverSeveralWindowsMatchTheReference() {
        var scrapes = new ArrayList<RawScrape>();
        for (int i = 0; i < 24; i++) {
            var slot = at("00:00:00").plusSeconds(15L * i);
            for (var node : List.of("n1", "n2")) {
                long k = i + (node.equals("n2") ? 3 : 0);
                scrapes.add(scrape("c1", node, slot, 1_000_000_000L * k * 3, 5000 + k,
                        pod("default", "web-" + node, "Deployment/web", 1000 * k,
                                C.of("app", 150_000_000L * k, 300 + k), C.of("sidecar", 10_000_000L * k, 50)),
                        pod("kube-system", "dns-" + node, null, 10 * k, C.of("dns", 20_000_000L * k, 70 + k))));
            }
        }
        assertTopologyMatchesReference(scrapes);
    }

    @Test
    void realKubeletCapturesReplayedWithAdvancingCountersMatchTheReference() {
        var arrivals = new ArrayList<RawScrape>();
        for (int step = 0; step < 12; step++) {
            var slot = at("00:00:00").plusSeconds(15L * step);
            for (var path : FixtureReplay.SUMMARIES) {
                arrivals.add(FixtureReplay.scrape(path, path.startsWith("nri") ? "linux" : "windows", slot, step));
            }
        }
        assertTopologyMatchesReference(arrivals);
    }

    @Test
    void randomizedFleetsWithChurnRestartsDisorderLateAndDuplicatesMatchTheReference() {
        for (long seed = 1; seed <= 5; seed++) {
            var arrivals = new RandomFleet(seed).arrivals(60);
            var late = ReferenceRollups.late(arrivals, WINDOW, GRACE);
            assertThat(late).as("the fleet has late scrapes").isNotEmpty();
            assertThat(arrivals.stream().map(s -> s.key() + s.scrapeTime()).distinct().count())
                    .as("the fleet has duplicates").isLessThan(arrivals.size());
            var lateOut = assertTopologyMatchesReference(arrivals);
            assertThat(lateOut).as("late topic").containsExactlyElementsOf(late);
        }
    }

    /** Returns what went to the late topic. */
    static List<RawScrape> assertTopologyMatchesReference(List<RawScrape> arrivals) {
        var settings = RollupSettings.of(WINDOW, GRACE, COARSER, 1);
        try (var harness = new TopologyHarness(settings)) {
            harness.pipeAll(arrivals);
            harness.goQuiet();
            var expected = ReferenceRollups.compute(arrivals, WINDOW, GRACE, COARSER);
            var actual = harness.rollups();
            assertThat(actual).hasSizeGreaterThan(100);
            RollupAssert.assertSameRollups(actual, expected);
            return harness.late.readValuesToList();
        }
    }
}
