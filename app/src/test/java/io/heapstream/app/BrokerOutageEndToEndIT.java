package io.heapstream.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.heapstream.aggregator.AggregatorService;
import io.heapstream.app.e2e.ExpectedPoints;
import io.heapstream.app.e2e.InfluxPoint;
import io.heapstream.app.e2e.InfluxQuery;
import io.heapstream.app.e2e.PointsAssert;
import io.heapstream.app.e2e.RawTopic;
import io.heapstream.app.e2e.RunTopics;
import io.heapstream.app.e2e.SteppedAggregator;
import io.heapstream.app.e2e.SteppedCollectors;
import io.heapstream.collector.CollectorSettings;
import io.heapstream.collector.ScrapeLoop;
import io.heapstream.local.KafkaBroker;
import io.heapstream.model.Topics;
import io.heapstream.model.raw.RawScrape;
import io.heapstream.simulator.Fleet;
import io.heapstream.simulator.FleetSpec;
import io.heapstream.simulator.KubeletSimulator;
import io.heapstream.simulator.ManualClock;
import io.heapstream.testkit.TestServices;
import io.heapstream.testkit.reference.ReferenceRollups;
import io.heapstream.writer.WriterConfig;
import io.heapstream.writer.WriterService;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Issue 20: a broker outage costs nothing but delay. A simulated fleet (six nodes on three raw partitions, pods
 * replaced, containers restarting) is scraped in real time by real collectors, aggregated, and written to a real
 * InfluxDB, while this test's own KRaft broker is frozen (SIGSTOP) or stopped and restarted on its log directory
 * for a minute, mid-window. Afterwards every window of every level and resolution in InfluxDB equals the reference
 * over every scrape the collectors published, nothing is late, and the collectors dropped nothing; the aggregator
 * and the writer rode it out without a restart, not ready while the broker was away. With a buffer smaller than
 * the outage, the collectors drop exactly what their counters say and everything else is complete.
 *
 * <p>Short windows keep each run near two minutes; the idle timeout (20 s) stands to the collectors' reconnect
 * backoff (at most 5 s + 5 s) as the default (90 s) does in production. Each run is real time, so the stopped
 * broker and the buffer smaller than the outage share one: half the nodes have the small buffer.
 */
class BrokerOutageEndToEndIT {
    private static final Duration SCRAPE = Duration.ofSeconds(1);
    private static final Duration WINDOW = Duration.ofSeconds(5);
    private static final Duration GRACE = Duration.ofSeconds(2);
    private static final Duration COARSE = Duration.ofSeconds(20);
    private static final Duration IDLE = Duration.ofSeconds(20);
    private static final int RAW_PARTITIONS = 3;
    /** Six nodes that land on all three raw partitions (EndToEndIT checks this seed). */
    private static final FleetSpec SPEC = new FleetSpec(2, 3, 8, 2, 7, SCRAPE, new FleetSpec.Churn(30, 20));
    private static final long BUFFER = 64L << 20;
    /** ~6 deflated records of a node: far less than the 60 scrapes of a minute's outage. */
    private static final long SMALL_BUFFER = 24L << 10;

    private static KafkaBroker broker;

    @BeforeAll
    static void launchBroker() {
        broker = KafkaBroker.launch();
    }

    @AfterAll
    static void closeBroker() {
        broker.close();
    }

    @Test
    void brokerFrozenForAMinuteMidWindowLosesNoWindow() throws Exception {
        var run = run("frozen", BUFFER, BUFFER, Duration.ofSeconds(60), b -> b.freeze(), b -> b.resume());
        assertThat(run.dropped.values()).as("collector drops").allMatch(d -> d == 0);
    }

    @Test
    void brokerStoppedAndRestartedAfterAMinuteLosesNoWindowAndSmallBuffersDropExactlyWhatTheyCount()
            throws Exception {
        var run = run("restarted", BUFFER, SMALL_BUFFER, Duration.ofSeconds(60), KafkaBroker::stop,
                KafkaBroker::start);
        assertThat(run.smallBuffers).as("nodes with the small buffer").hasSize(SPEC.nodeCount() / 2);
        var publishedPerNode = run.published.stream().collect(Collectors.groupingBy(RawScrape::key, TreeMap::new,
                Collectors.mapping(RawScrape::scrapeTime, Collectors.toSet())));
        for (var node : run.dropped.keySet()) {
            if (run.smallBuffers.contains(node)) {
                assertThat(run.dropped.get(node)).as("records dropped by " + node + " (small buffer)").isPositive();
            } else {
                assertThat(run.dropped.get(node)).as("records dropped by " + node).isZero();
            }
            assertThat(publishedPerNode.get(node).size() + run.dropped.get(node)).as("published + dropped of " + node)
                    .isEqualTo(run.slots);
        }
    }

    /**
     * The measurement behind docs/aggregator.md's "longest outage that costs nothing": the collectors' default
     * buffer, the broker frozen for {@code -Dheapstream.outage.minutes}; not part of the build (it takes as long).
     */
    @Test
    @EnabledIfSystemProperty(named = "heapstream.outage.minutes", matches = "\\d+")
    void brokerFrozenForLongWithTheDefaultBufferLosesNoWindow() throws Exception {
        long defaultBuffer = CollectorSettings.BUFFER_MAX_BYTES.parse(CollectorSettings.BUFFER_MAX_BYTES.defaultText());
        var outage = Duration.ofMinutes(Long.getLong("heapstream.outage.minutes"));
        var run = run("long", defaultBuffer, defaultBuffer, outage, KafkaBroker::freeze, KafkaBroker::resume);
        assertThat(run.dropped.values()).as("collector drops").allMatch(d -> d == 0);
    }

    private record Run(List<RawScrape> published, Map<String, Long> dropped, Set<String> smallBuffers, long slots) { }

    /**
     * One run in real time: the broker stopped mid-window for {@code outage}, then started again. Every other node
     * (in key order) has {@code otherNodesBufferBytes} of buffer, the rest {@code bufferBytes}.
     */
    private Run run(String what, long bufferBytes, long otherNodesBufferBytes, Duration outage,
                    Consumer<KafkaBroker> stop, Consumer<KafkaBroker> start) throws Exception {
        var bootstrap = broker.bootstrap();
        var influxUrl = TestServices.influxUrl();
        var name = TestServices.unique("outage-" + what);
        var raw = name + ".raw";
        var rollupPrefix = name + ".rollup.";
        createTopics(bootstrap, raw, rollupPrefix, name);

        var stateDir = Files.createTempDirectory("heapstream-outage-state-");
        var aggregatorRegistry = new SimpleMeterRegistry();
        try (var writer = new WriterService(
                     WriterConfig.fromMap(new RunTopics(bootstrap, name, raw, rollupPrefix)
                             .writerSettings(influxUrl, List.of(WINDOW, COARSE))),
                     new SimpleMeterRegistry());
             var aggregator = new AggregatorService(SteppedAggregator.config(bootstrap, name, raw, rollupPrefix,
                     WINDOW, GRACE, List.of(COARSE), RAW_PARTITIONS, stateDir.toString(), IDLE), aggregatorRegistry)) {
            writer.start();
            aggregator.start();
            await().atMost(Duration.ofSeconds(90)).until(() -> aggregator.isReady() && writer.isReady());

            var t0 = ScrapeLoop.nextSlot(Instant.now().plusSeconds(1), WINDOW);
            var outageAt = t0.plusSeconds(12).plusMillis(WINDOW.toMillis() / 2);          // mid-window
            var end = ScrapeLoop.nextSlot(outageAt.plus(outage).plusSeconds(20), COARSE);
            var last = end.plus(GRACE).plus(SCRAPE);
            var clock = new ManualClock(t0);
            var fleet = new Fleet(SPEC, t0);
            var keys = fleet.nodeRefs().stream().map(n -> n.cluster() + "/" + n.node()).sorted().toList();
            var others = new TreeSet<String>();
            for (int i = 1; i < keys.size(); i += 2) {
                others.add(keys.get(i));
            }
            Set<String> smallBuffers = otherNodesBufferBytes < bufferBytes ? others : Set.of();
            try (var kubelets = KubeletSimulator.start(fleet, clock);
                 var collectors = new SteppedCollectors(kubelets, bootstrap, raw, clock,
                         key -> others.contains(key) ? otherNodesBufferBytes : bufferBytes)) {
                long slots = 0;
                Instant stoppedAt = null;
                boolean up = false;
                for (var slot = t0; !slot.isAfter(last); slot = slot.plus(SCRAPE)) {
                    sleepUntil(slot);
                    if (stoppedAt == null && !slot.isBefore(outageAt)) {
                        stoppedAt = Instant.now();
                        stop.accept(broker);
                    } else if (stoppedAt != null && !up && !Instant.now().isBefore(stoppedAt.plus(outage))) {
                        up = true;
                        assertThat(aggregator.isReady()).as("aggregator ready while the broker is away").isFalse();
                        assertThat(writer.isReady()).as("writer ready while the broker is away").isFalse();
                        assertThat(aggregator.isAlive() && writer.isAlive()).as("alive through the outage").isTrue();
                        start.accept(broker);
                    }
                    clock.set(slot);
                    collectors.publish(slot);
                    slots++;
                }
                assertThat(up).as("the broker came back before the last slot").isTrue();
                collectors.awaitDelivered(Duration.ofSeconds(60));
                var dropped = collectors.dropped();
                var published = RawTopic.readAll(bootstrap, raw);
                assertSameRollupsInInflux(influxUrl, name, published, end);
                assertThat(RawTopic.readAll(bootstrap, name + ".late")).as("late topic").isEmpty();
                assertThat(aggregator.isReady() && writer.isReady()).as("ready again").isTrue();
                return new Run(published, dropped, smallBuffers, slots);
            }
        }
    }

    /** InfluxDB holds every window up to {@code end}, of every level and resolution, as the reference. */
    private static void assertSameRollupsInInflux(String influxUrl, String name, List<RawScrape> published,
                                                  Instant end) {
        var reference = ReferenceRollups.compute(published, WINDOW, GRACE, List.of(COARSE)).stream()
                .filter(r -> !r.windowEnd().isAfter(end)).toList();
        var expected = ExpectedPoints.of(reference);
        var influx = new InfluxQuery(influxUrl, name);
        var actual = new ArrayList<InfluxPoint>();
        try {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() -> {
                actual.clear();
                for (var resolution : List.of(WINDOW, COARSE)) {
                    actual.addAll(influx.points("rp_" + Topics.suffix(resolution), end));
                }
                return actual.size() >= expected.size();
            });
        } catch (ConditionTimeoutException missing) {
            // windows lost to the outage never come: the comparison below names them
        }
        PointsAssert.assertSamePoints(actual, expected);
    }

    private static void sleepUntil(Instant instant) throws InterruptedException {
        long ms = Duration.between(Instant.now(), instant).toMillis();
        if (ms > 0) {
            Thread.sleep(ms);
        }
    }

    private static void createTopics(String bootstrap, String raw, String rollupPrefix, String name)
            throws Exception {
        var topics = new ArrayList<NewTopic>();
        topics.add(new NewTopic(raw, RAW_PARTITIONS, (short) 1));
        topics.add(new NewTopic(rollupPrefix + Topics.suffix(WINDOW), 2, (short) 1));
        topics.add(new NewTopic(rollupPrefix + Topics.suffix(COARSE), 2, (short) 1));
        topics.add(new NewTopic(name + ".late", 1, (short) 1));
        topics.add(new NewTopic(name + ".dead-letter", 1, (short) 1));
        try (var admin = Admin.create(Map.<String, Object>of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(topics).all().get();
        }
    }
}
