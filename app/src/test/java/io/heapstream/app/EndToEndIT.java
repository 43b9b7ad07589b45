package io.heapstream.app;

import io.heapstream.simulator.ManualClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.heapstream.aggregator.AggregatorService;
import io.heapstream.aggregator.config.AggregatorConfig;
import io.heapstream.app.e2e.ExpectedPoints;
import io.heapstream.app.e2e.InfluxPoint;
import io.heapstream.app.e2e.InfluxQuery;
import io.heapstream.app.e2e.PointsAssert;
import io.heapstream.app.e2e.RawTopic;
import io.heapstream.app.e2e.RunTopics;
import io.heapstream.app.e2e.SteppedAggregator;
import io.heapstream.app.e2e.SteppedCollectors;
import io.heapstream.model.Topics;
import io.heapstream.model.raw.RawScrape;
import io.heapstream.model.rollup.Level;
import io.heapstream.simulator.Fleet;
import io.heapstream.simulator.FleetSpec;
import io.heapstream.simulator.KubeletSimulator;
import io.heapstream.testkit.TestServices;
import io.heapstream.testkit.reference.ReferenceRollups;
import io.heapstream.writer.WriterConfig;
import io.heapstream.writer.WriterService;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;

/**
 * The ground truth: a simulated fleet served as kubelets over HTTP (two clusters, pods that come and go,
 * containers that restart) → real collectors in kubelet-metadata mode → a real broker → the aggregator →
 * the writer (native schema) → a real InfluxDB. Then InfluxQL answers for every level and resolution must be
 * exactly the rollups the independent reference computes from the very records the collectors published (read
 * back from the raw topic): the same series, the same points, every field within 1e-9.
 *
 * <p>Time is the test's: the kubelets and the collectors share a {@link ManualClock} that moves one scrape slot
 * at a time, each slot acknowledged by the broker before the next, from a fixed instant in the past. So the run
 * is the same every time, takes seconds instead of minutes of wall-clock time, and nothing arrives late.
 */
class EndToEndIT {
    private static final Instant T0 = Instant.parse("2025-06-02T00:00:00Z");
    private static final Duration SCRAPE = Duration.ofSeconds(2);
    private static final Duration WINDOW = Duration.ofSeconds(10);
    private static final Duration GRACE = Duration.ofSeconds(2);
    private static final Duration COARSE = Duration.ofMinutes(1);
    /** Three coarse windows; the slots after it, up to END + GRACE, only close the windows before END. */
    private static final Instant END = T0.plus(COARSE.multipliedBy(3));
    private static final int RAW_PARTITIONS = 3;

    @Test
    void influxHoldsExactlyTheReferenceRollupsOfThePublishedSamplesAtEveryLevel() throws Exception {
        var run = RunTopics.create("e2e", RAW_PARTITIONS, 2, List.of(WINDOW, COARSE));
        var bootstrap = run.bootstrap();
        var influxUrl = TestServices.influxUrl();
        var name = run.name();
        var raw = run.raw();
        var rollupPrefix = run.rollupPrefix();

        // Churn well above a real fleet's, so a few minutes hold pods replaced and containers restarted.
        var spec = new FleetSpec(2, 3, 8, 2, 7, SCRAPE, new FleetSpec.Churn(8, 6));
        assertEveryRawPartitionHasANode(new Fleet(spec, T0));
        var clock = new ManualClock(T0);
        var stateDir = Files.createTempDirectory("heapstream-e2e-state-");
        var aggregatorRegistry = new SimpleMeterRegistry();
        try (var kubelets = KubeletSimulator.start(new Fleet(spec, T0), clock);
             var writer = new WriterService(WriterConfig.fromMap(run.writerSettings(influxUrl, List.of(WINDOW, COARSE))),
                     new SimpleMeterRegistry());
             var aggregator = new AggregatorService(aggregatorConfig(bootstrap, name, raw, rollupPrefix,
                     stateDir.toString()), aggregatorRegistry);
             var collectors = new SteppedCollectors(kubelets, bootstrap, raw, clock)) {
            writer.start();
            aggregator.start();
            await().atMost(Duration.ofSeconds(90)).until(() -> aggregator.isReady() && writer.isReady());

            for (var slot = T0; !slot.isAfter(END.plus(GRACE)); slot = slot.plus(SCRAPE)) {
                clock.set(slot);
                collectors.scrape(slot);
            }

            var published = RawTopic.readAll(bootstrap, raw);
            assertThatTheRunHasWhatItIsMeantToTest(published, spec);
            var reference = ReferenceRollups.compute(published, WINDOW, GRACE, List.of(COARSE)).stream()
                    .filter(r -> !r.windowEnd().isAfter(END)).toList();
            assertThat(reference.stream().map(r -> r.key().level()).collect(Collectors.toSet()))
                    .containsExactlyInAnyOrder(Level.values());
            var expected = ExpectedPoints.of(reference);

            var influx = new InfluxQuery(influxUrl, name);
            var actual = new ArrayList<InfluxPoint>();
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).until(() -> {
                actual.clear();
                for (var resolution : List.of(WINDOW, COARSE)) {
                    actual.addAll(influx.points("rp_" + Topics.suffix(resolution), END));
                }
                return actual.size() >= expected.size();
            });
            PointsAssert.assertSamePoints(actual, expected);
            assertThat(aggregatorRegistry.get("heapstream.aggregator.late.records").counter().count())
                    .as("late scrapes").isZero();
        }
    }

    /**
     * Two clusters, every node every slot, at least one pod replaced and one container restarted. (A new pod may
     * go unenriched for a slot or two until the collector fetches /pods again: the reference sees the same.)
     */
    private static void assertThatTheRunHasWhatItIsMeantToTest(List<RawScrape> published, FleetSpec spec) {
        long slots = Duration.between(T0, END.plus(GRACE)).dividedBy(SCRAPE) + 1;
        assertThat(published.size()).as("scrapes published").isEqualTo(slots * spec.nodeCount());
        assertThat(published.stream().map(RawScrape::cluster).distinct()).hasSize(2);
        var firstPods = published.stream().filter(s -> s.scrapeTime().equals(T0))
                .flatMap(s -> s.pods().stream()).map(p -> p.podRef().uid()).collect(Collectors.toSet());
        assertThat(published.stream().flatMap(s -> s.pods().stream()).map(p -> p.podRef().uid())
                .filter(uid -> !firstPods.contains(uid)).distinct().count()).as("pods that came later").isPositive();
        var starts = new HashMap<String, Instant>();
        var restarted = new HashSet<String>();
        for (var scrape : published) {
            for (var pod : scrape.pods()) {
                for (var container : pod.containers()) {
                    var id = pod.podRef().uid() + "/" + container.name();
                    var previous = starts.put(id, container.startTime());
                    if (previous != null && !previous.equals(container.startTime())) {
                        restarted.add(id);
                    }
                }
            }
        }
        assertThat(restarted).as("containers that restarted").isNotEmpty();
    }

    /**
     * A raw partition without nodes would hold the cluster and fleet windows back until its idle timeout: the
     * totals wait for every partition's watermark. Same key hash as the producer's default partitioner.
     */
    private static void assertEveryRawPartitionHasANode(Fleet fleet) {
        var used = fleet.nodeRefs().stream()
                .map(n -> Utils.toPositive(Utils.murmur2(n.key().getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                        % RAW_PARTITIONS).collect(Collectors.toSet());
        assertThat(used).as("raw partitions with nodes").hasSize(RAW_PARTITIONS);
    }

    private static AggregatorConfig aggregatorConfig(String bootstrap, String name, String raw, String rollupPrefix,
                                                     String stateDir) {
        return SteppedAggregator.config(bootstrap, name, raw, rollupPrefix, WINDOW, GRACE, List.of(COARSE),
                RAW_PARTITIONS, stateDir);
    }
}
