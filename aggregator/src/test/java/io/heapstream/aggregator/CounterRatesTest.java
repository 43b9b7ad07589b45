package io.heapstream.aggregator;

import static io.heapstream.aggregator.Scrapes.at;
import static io.heapstream.aggregator.Scrapes.pod;
import static io.heapstream.aggregator.Scrapes.scrape;
import static org.assertj.core.api.Assertions.assertThat;

import io.heapstream.model.rollup.Level;
import io.heapstream.model.rollup.MetricStats;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Counters become per-second rates; a first sample or a reset gives no rate, never a negative one. */
class CounterRatesTest {
    private static final Duration MINUTE = Duration.ofMinutes(1);
    private static final Instant RESTART = Instant.parse("2026-01-01T00:00:20Z");

    private final RollupSettings settings = RollupSettings.of(MINUTE, Duration.ofSeconds(10), List.of(), 1);

    private MetricStats containerCpu(TopologyHarness harness) {
        var containers = TopologyHarness.of(harness.rollups(), Level.CONTAINER, MINUTE);
        assertThat(containers).hasSize(1);
        return containers.get(0).metric("cpu/usage_rate");
    }

    @Test
    void cpuCounterBecomesMillicoresFromTheSecondSampleOn() {
        try (var harness = new TopologyHarness(settings)) {
            // 1.5e9 ns of CPU in 15 s = 0.1 core = 100 millicores; then 3e9 ns in 15 s = 200 millicores
            harness.pipe(scrape("c1", "n1", at("00:00:00"), 0, 1, pod("ns", "p", null, 0,
                    Scrapes.C.of("app", 1_000_000_000L, 10))));                      // first sample: no rate
            harness.pipe(scrape("c1", "n1", at("00:00:15"), 0, 1, pod("ns", "p", null, 0,
                    Scrapes.C.of("app", 2_500_000_000L, 10))));                      // 100 m
            harness.pipe(scrape("c1", "n1", at("00:00:30"), 0, 1, pod("ns", "p", null, 0,
                    Scrapes.C.of("app", 5_500_000_000L, 10))));                      // 200 m
            harness.pipe(scrape("c1", "n1", at("00:01:10"), 0, 1));                   // grace 10 s: closes [00:00, 00:01)

            var cpu = containerCpu(harness);
            assertThat(cpu.count()).isEqualTo(2);
            assertThat(cpu.min()).isEqualTo(100.0);
            assertThat(cpu.max()).isEqualTo(200.0);
            assertThat(cpu.avg()).isEqualTo(150.0);
            assertThat(cpu.last()).isEqualTo(200.0);
        }
    }

    @Test
    void counterResetStartsNewBaseline() {
        try (var harness = new TopologyHarness(settings)) {
            harness.pipe(scrape("c1", "n1", at("00:00:00"), 0, 1, pod("ns", "p", null, 0,
                    Scrapes.C.of("app", 9_000_000_000L, 10))));                      // first: no rate
            harness.pipe(scrape("c1", "n1", at("00:00:15"), 0, 1, pod("ns", "p", null, 0,
                    Scrapes.C.of("app", 10_500_000_000L, 10))));                     // 100 m
            harness.pipe(scrape("c1", "n1", at("00:00:30"), 0, 1, pod("ns", "p", null, 0,
                    new Scrapes.C("app", 300_000_000L, 10, RESTART))));              // restarted: no rate, new baseline
            harness.pipe(scrape("c1", "n1", at("00:00:45"), 0, 1, pod("ns", "p", null, 0,
                    new Scrapes.C("app", 1_800_000_000L, 10, RESTART))));            // 100 m from the new baseline
            harness.pipe(scrape("c1", "n1", at("00:01:10"), 0, 1));                   // closes [00:00, 00:01)

            var cpu = containerCpu(harness);
            assertThat(cpu.count()).isEqualTo(2);
            assertThat(cpu.min()).isEqualTo(100.0);
            assertThat(cpu.max()).isEqualTo(100.0);
        }
    }

    @Test
    void counterGoingDownWithoutRestartIsAResetNotANegativeRate() {
        try (var harness = new TopologyHarness(settings)) {
            harness.pipe(scrape("c1", "n1", at("00:00:00"), 6_000_000_000L, 1));      // first: no rate
            harness.pipe(scrape("c1", "n1", at("00:00:15"), 1_000_000_000L, 1));      // went down: no rate
            harness.pipe(scrape("c1", "n1", at("00:00:30"), 4_000_000_000L, 1));      // 3e9 / 15 s = 200 m
            harness.pipe(scrape("c1", "n1", at("00:01:10"), 0, 1));                   // closes [00:00, 00:01)

            var node = TopologyHarness.of(harness.rollups(), Level.NODE, MINUTE).get(0);
            var cpu = node.metric("cpu/usage_rate");
            assertThat(cpu.count()).isEqualTo(1);
            assertThat(cpu.last()).isEqualTo(200.0);
            assertThat(node.metric("cpu/node_utilization").last()).isEqualTo(200.0 / 3800);
        }
    }
}
