package io.heapstream.aggregator;

import static io.heapstream.aggregator.Scrapes.C;
import static io.heapstream.aggregator.Scrapes.at;
import static io.heapstream.aggregator.Scrapes.pod;
import static io.heapstream.aggregator.Scrapes.scrape;
import static org.assertj.core.api.Assertions.assertThat;

import io.heapstream.aggregator.node.NodeProcessor;
import io.heapstream.model.rollup.Level;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A scrape stamped in the future (a node with a wrong clock, or a forged record) must not move event time:
 * it goes to the late topic with a reason and a count, and the honest scrapes after it stay on time.
 */
class FutureScrapeTest {
    private static final Duration MINUTE = Duration.ofMinutes(1);
    private final List<Long> future = new ArrayList<>();
    private final RollupSettings settings = RollupSettings.of(MINUTE, Duration.ofSeconds(10), List.of(), 1)
            .withEvents(new RollupEvents() {
                @Override
                public void future(String nodeKey, long slotMillis) {
                    future.add(slotMillis);
                }
            });

    private static Scrapes.P web(long workingSet) {
        return pod("shop", "a", "Deployment/web", 0, C.of("app", 0, workingSet));
    }

    @Test
    void scrapeFromTheFutureIsSetAsideAndHonestScrapesStayOnTime() {
        var poisoned = scrape("c1", "bad-clock", Instant.parse("2030-01-01T00:00:00Z"), 0, 1, web(1));
        try (var harness = new TopologyHarness(settings)) {
            harness.pipe(scrape("c1", "n1", at("00:00:15"), 0, 1, web(100)));
            harness.pipe(poisoned);                                             // years past the wall clock
            harness.pipe(scrape("c1", "n1", at("00:00:30"), 0, 1, web(300)));   // honest: still on time
            harness.pipe(scrape("c1", "n1", at("00:01:15"), 0, 1));             // closes [00:00, 00:01)

            var pods = TopologyHarness.of(harness.rollups(), Level.POD, MINUTE);
            assertThat(pods).singleElement().satisfies(p -> {
                assertThat(p.windowStart()).isEqualTo(at("00:00:00"));
                assertThat(p.metric("memory/working_set").count()).isEqualTo(2);
            });
            var late = harness.late.readRecordsToList();
            assertThat(late).singleElement().satisfies(r -> {
                assertThat(r.value()).isEqualTo(poisoned);
                assertThat(new String(r.headers().lastHeader(NodeProcessor.LATE_REASON).value(),
                        StandardCharsets.UTF_8)).isEqualTo("future");
            });
            assertThat(future).containsExactly(poisoned.scrapeTime().toEpochMilli());
        }
    }

    @Test
    void clockAheadByLessThanTheGraceIsAccepted() {
        try (var harness = new TopologyHarness(settings)) {
            var ahead = TopologyHarness.WALL_START.plusSeconds(5);
            harness.pipe(scrape("c1", "n1", ahead, 0, 1, web(100)));

            assertThat(harness.late.readRecordsToList()).isEmpty();
            assertThat(future).isEmpty();
        }
    }
}
