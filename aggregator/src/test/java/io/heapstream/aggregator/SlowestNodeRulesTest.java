package io.heapstream.aggregator;

import static io.heapstream.aggregator.Scrapes.C;
import static io.heapstream.aggregator.Scrapes.at;
import static io.heapstream.aggregator.Scrapes.pod;
import static io.heapstream.aggregator.Scrapes.scrape;
import static org.assertj.core.api.Assertions.assertThat;

import io.heapstream.model.rollup.Level;
import io.heapstream.model.rollup.Rollup;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * docs/rollup-semantics.md §4 after a broker outage: windows follow the slowest live node, a node counts as gone
 * only when the others are far ahead or it has been silent while the feed was healthy, and a partition is quiet
 * only when its silence is not the pipeline's own.
 */
class SlowestNodeRulesTest {
    private static final Duration MINUTE = Duration.ofMinutes(1);
    private static final Duration IDLE = Duration.ofSeconds(90);
    private final RollupSettings settings = RollupSettings.of(MINUTE, Duration.ofSeconds(10), List.of(), 1)
            .withIdleTimeout(IDLE);

    private static Scrapes.P web(String name, long workingSet) {
        return pod("shop", name, "Deployment/web", 0, C.of("app", 0, workingSet));
    }

    private static void pipeEvery15s(TopologyHarness harness, String node, String from, String to) {
        for (var t = at(from); !t.isAfter(at(to)); t = t.plusSeconds(15)) {
            harness.pipe(scrape("c1", node, t, 0, 1, web(node + "-pod", 100)));
        }
    }

    private static List<Instant> nodeWindows(List<Rollup> out, String node) {
        return TopologyHarness.of(out, Level.NODE, MINUTE).stream().filter(r -> r.key().node().equals(node))
                .map(Rollup::windowStart).toList();
    }

    @Test
    void aNodeSendingTenMinutesOfBufferedScrapesAfterAnotherNodeIsNotLate() {
        try (var harness = new TopologyHarness(settings)) {
            pipeEvery15s(harness, "n1", "00:00:00", "00:00:00");   // before the outage
            pipeEvery15s(harness, "n2", "00:00:00", "00:00:00");
            pipeEvery15s(harness, "n1", "00:00:15", "00:10:00");   // n1's collector emptied its buffer first
            assertThat(harness.rollups()).as("n2 holds every window open").isEmpty();
            pipeEvery15s(harness, "n2", "00:00:15", "00:10:00");   // then n2's

            assertThat(harness.late.readValuesToList()).isEmpty();
            var out = harness.rollups();
            assertThat(nodeWindows(out, "n2")).hasSize(9);            // 00:00 … 00:08; 00:09 closes at 00:10:10
            var ns = TopologyHarness.of(out, Level.NAMESPACE, MINUTE);
            assertThat(ns).hasSize(9).allSatisfy(r -> assertThat(r.metric("memory/working_set").min())
                    .as("both nodes' pods in every slot").isEqualTo(200.0));
        }
    }

    @Test
    void aNodeFarBehindTheOthersCountsAsGoneAndItsLastWindowCloses() {
        try (var harness = new TopologyHarness(settings)) {
            pipeEvery15s(harness, "n2", "00:00:00", "00:00:30");   // n2 goes away
            pipeEvery15s(harness, "n1", "00:00:00", "00:15:30");
            assertThat(nodeWindows(harness.rollups(), "n2")).as("n2 within the gone lag: held").isEmpty();
            pipeEvery15s(harness, "n1", "00:15:45", "00:16:30");   // n1 more than 15 min past n2

            var out = harness.rollups();
            assertThat(nodeWindows(out, "n2")).containsExactly(at("00:00:00"));
            assertThat(nodeWindows(out, "n1")).hasSize(16);
        }
    }

    @Test
    void aNodeSilentForTheIdleTimeoutWhileTheFeedIsHealthyStopsHoldingTheWindows() {
        try (var harness = new TopologyHarness(settings)) {
            pipeEvery15s(harness, "n2", "00:00:00", "00:00:30");
            pipeEvery15s(harness, "n1", "00:00:00", "00:02:45");
            harness.driver.advanceWallClockTime(IDLE.minusSeconds(10));
            assertThat(harness.rollups()).isEmpty();
            pipeEvery15s(harness, "n1", "00:03:00", "00:03:00");   // the partition is not quiet, only n2 is
            harness.driver.advanceWallClockTime(Duration.ofSeconds(30));

            var out = harness.rollups();
            assertThat(nodeWindows(out, "n2")).containsExactly(at("00:00:00"));
            assertThat(nodeWindows(out, "n1")).containsExactly(at("00:00:00"), at("00:01:00"));
        }
    }

    @Test
    void silenceWhileTheBrokerIsAwayDoesNotCountAndCountsFromItsReturn() {
        var feed = new SwitchableFeed();
        try (var harness = new TopologyHarness(settings.withFeed(feed))) {
            pipeEvery15s(harness, "n2", "00:00:00", "00:00:30");
            pipeEvery15s(harness, "n1", "00:00:00", "00:03:00");
            feed.countsSince = Long.MAX_VALUE;                         // the broker cannot be reached
            harness.driver.advanceWallClockTime(Duration.ofMinutes(10));
            assertThat(harness.rollups()).as("no node gone, no partition quiet").isEmpty();

            feed.countsSince = TopologyHarness.WALL_START.plus(Duration.ofMinutes(10)).toEpochMilli();  // back
            harness.driver.advanceWallClockTime(IDLE.minusSeconds(10));
            assertThat(harness.rollups()).as("n2 has the idle timeout from the broker's return").isEmpty();
            pipeEvery15s(harness, "n2", "00:00:45", "00:03:00");          // and sends its buffer in time

            assertThat(harness.late.readValuesToList()).isEmpty();
            assertThat(nodeWindows(harness.rollups(), "n2")).containsExactly(at("00:00:00"), at("00:01:00"));
        }
    }

    @Test
    void aPartitionSilentWhileNoOtherPartitionReceivesAnythingStaysOpen() {
        var feed = new SwitchableFeed();
        feed.othersMoved = false;                                      // every partition silent at once
        try (var harness = new TopologyHarness(settings.withFeed(feed))) {
            pipeEvery15s(harness, "n1", "00:00:00", "00:00:30");
            harness.driver.advanceWallClockTime(Duration.ofMinutes(10));
            assertThat(harness.rollups()).isEmpty();

            feed.othersMoved = true;                                   // the rest of the fleet moves on
            harness.driver.advanceWallClockTime(Duration.ofSeconds(30));
            assertThat(nodeWindows(harness.rollups(), "n1")).containsExactly(at("00:00:00"));
        }
    }

    private static final class SwitchableFeed implements RawFeed {
        volatile long countsSince = Long.MIN_VALUE;
        volatile boolean othersMoved = true;

        @Override
        public long silenceCountsSince(int partition) {
            return countsSince;
        }

        @Override
        public boolean othersReceivedAfter(int partition, long wallMillis) {
            return othersMoved;
        }
    }
}
