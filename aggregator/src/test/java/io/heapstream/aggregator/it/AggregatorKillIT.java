package io.heapstream.aggregator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.heapstream.aggregator.config.AggregatorConfig;
import io.heapstream.model.raw.RawScrape;
import io.heapstream.model.rollup.Rollup;
import io.heapstream.testkit.ChildJvm;
import io.heapstream.testkit.TestServices;
import io.heapstream.testkit.reference.ReferenceRollups;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Kill the aggregator (SIGKILL of its JVM) while windows are open and transactions are in flight, restart it
 * on the same state directory: the rollup topics, read_committed, hold exactly one record
 * per series and window, equal to the reference.
 */
class AggregatorKillIT {
    private static final Duration WINDOW = Duration.ofSeconds(10);
    private static final Duration GRACE = Duration.ofSeconds(5);
    private static final Duration COARSE = Duration.ofMinutes(1);
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void killedMidWindowAndRestartedEmitsExactlyOneRecordPerSeriesAndWindowEqualToTheReference() throws Exception {
        var broker = new Broker(2, List.of(WINDOW, COARSE));
        var env = new HashMap<>(broker.env("10s", "5s", "1m", "15s"));
        env.putAll(TestServices.quickSessionExpiry(AggregatorConfig.KAFKA_PREFIX));   // restarts get them in 6 s
        // 6 nodes, 60 slots of 5 s = the 5 minutes checked, then 4 slots more: windows close as every node's data
        // moves past them, and a fleet that falls silent all at once closes nothing (rollup-semantics.md §4).
        var scrapes = fleet(6, 64);
        var end = T0.plusSeconds(5L * 60);
        var expected = checked(ReferenceRollups.compute(scrapes, WINDOW, GRACE, List.of(COARSE)), end);

        var rollups = new ArrayList<Rollup>();
        try (var fine = broker.consumer(broker.rollupPrefix + "10s");
             var coarse = broker.consumer(broker.rollupPrefix + "1m")) {
            broker.produce(scrapes.subList(0, 6 * 20));                // first 100 s
            var first = start(env, broker.prefix + "-first");
            await().atMost(Duration.ofSeconds(120)).until(() -> {
                Broker.poll(fine).forEach(r -> rollups.add(Broker.rollup(r)));
                return !rollups.isEmpty();
            });
            broker.produce(scrapes.subList(6 * 20, 6 * 40));           // windows open, transactions in flight...
            first.kill();                                              // ...and the JVM dies without a word
            assertThat(first.isAlive()).isFalse();

            broker.produce(scrapes.subList(6 * 40, scrapes.size()));
            try (var second = start(env, broker.prefix + "-second")) {
                await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofSeconds(1)).until(() -> {
                    Broker.poll(fine).forEach(r -> rollups.add(Broker.rollup(r)));
                    Broker.poll(coarse).forEach(r -> rollups.add(Broker.rollup(r)));
                    return checked(rollups, end).size() >= expected.size();
                });
                Thread.sleep(3000); // nothing more may come: poll once more for strays (duplicates would show here)
                Broker.poll(fine).forEach(r -> rollups.add(Broker.rollup(r)));
                Broker.poll(coarse).forEach(r -> rollups.add(Broker.rollup(r)));
            }
        }
        io.heapstream.aggregator.RollupAssertAccess.assertSameRollups(checked(rollups, end), expected);
    }

    /** A child-JVM aggregator configured by {@code env}: {@link ChildJvm#kill()} is SIGKILL, nothing is flushed. */
    private static ChildJvm start(Map<String, String> env, String name) {
        return ChildJvm.start(AggregatorChildMain.class, List.of(), env, "512m", name);
    }

    /** The windows of the checked minutes: those that end by {@code end}. */
    private static List<Rollup> checked(List<Rollup> rollups, Instant end) {
        return rollups.stream().filter(r -> !r.windowEnd().isAfter(end)).toList();
    }

    /** In order per node, no late data: the reference's single-partition view equals any partitioning. */
    static List<RawScrape> fleet(int nodes, int slots) {
        var random = new Random(7);
        var counters = new HashMap<String, Long>();
        var out = new ArrayList<RawScrape>();
        for (int s = 0; s < slots; s++) {
            for (int n = 0; n < nodes; n++) {
                var node = "n" + n;
                var cluster = n % 2 == 0 ? "east" : "west";
                var pods = new ArrayList<io.heapstream.aggregator.ScrapesAccess.Pod>();
                for (int p = 0; p < 3; p++) {
                    var name = "p" + n + "-" + p;
                    long cpu = counters.merge(name + "/cpu", 1L + random.nextInt(500_000_000), Long::sum);
                    long rx = counters.merge(name + "/rx", 1L + random.nextInt(10_000), Long::sum);
                    pods.add(new io.heapstream.aggregator.ScrapesAccess.Pod(p == 2 ? "kube-system" : "shop", name,
                            p == 2 ? null : "Deployment/web", rx, cpu, 1000 + random.nextInt(1000)));
                }
                long nodeCpu = counters.merge(node + "/cpu", 1L + random.nextInt(2_000_000_000), Long::sum);
                out.add(io.heapstream.aggregator.ScrapesAccess.scrape(cluster, node, T0.plusSeconds(5L * s), nodeCpu,
                        8000 + random.nextInt(100), pods));
            }
        }
        return out;
    }

}
