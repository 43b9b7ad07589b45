package io.heapstream.app.replay;

import static io.heapstream.app.replay.ReplayFixture.COARSE;
import static io.heapstream.app.replay.ReplayFixture.T0;
import static io.heapstream.app.replay.ReplayFixture.WINDOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.heapstream.aggregator.AggregatorService;
import io.heapstream.app.e2e.ExpectedPoints;
import io.heapstream.app.e2e.InfluxPoint;
import io.heapstream.app.e2e.PointsAssert;
import io.heapstream.app.e2e.RawTopic;
import io.heapstream.model.Topics;
import io.heapstream.testkit.TestServices;
import io.heapstream.testkit.reference.ReferenceRollups;
import io.heapstream.writer.WriterService;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The live pipeline (aggregator and two writers, native and Heapster schema) runs over a simulated history on the
 * real broker into real InfluxDB; then replays of a range must give, for every window wholly inside it, the points
 * the live run wrote: {@code replay raw} re-aggregating the raw topic, and {@code replay rollups} re-writing the
 * rollup topics into a database of its own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReplayIT {
    /** Not aligned to the coarse windows: the first coarse window of the range straddles it and is left out. */
    private static final Instant FROM = T0.plus(Duration.ofSeconds(50));
    private static final Instant TO = T0.plus(COARSE.multipliedBy(3));

    private ReplayFixture fixture;
    private ReplaySummary nativeSummary;

    @BeforeAll
    void liveRun() throws Exception {
        fixture = new ReplayFixture(TestServices.kafkaBootstrap(), TestServices.influxUrl(),
                TestServices.unique("replay"));
        fixture.createTopics();
        long scrapes = fixture.produceHistory();
        assertThat(scrapes).isPositive();
        var stateDir = Files.createTempDirectory("heapstream-replay-it-");
        try (var aggregator = new AggregatorService(fixture.aggregator(stateDir.toString()), new SimpleMeterRegistry());
             var nativeWriter = new WriterService(fixture.writer("native", live("native")), new SimpleMeterRegistry());
             var heapsterWriter = new WriterService(fixture.writer("heapster", live("heapster")),
                     new SimpleMeterRegistry())) {
            nativeWriter.start();
            heapsterWriter.start();
            aggregator.start();
            // the last thing the live run writes is the fleet's last coarse window; then both writers drain
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).until(this::fleetDone);
            var counts = new AtomicReference<List<Integer>>(List.of());
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() ->
                    counts.getAndSet(List.of(fixture.points(live("native"), native_(), FROM, TO).size(),
                            fixture.points(live("heapster"), heapster(), FROM, TO).size())).equals(counts.get()));
            // one node's scrapes of one window come now, after their window closed: the late topic takes them
            int late = fixture.produceWithheld();
            try (var consumer = kafka().consumer()) {
                var partition = List.of(new TopicPartition(fixture.late(), 0));
                await().atMost(Duration.ofSeconds(60)).until(() -> consumer.endOffsets(partition).get(partition.get(0))
                        >= late);
            }
            nativeWriter.stop();
            heapsterWriter.stop();
        }
    }

    private String live(String schema) {
        return fixture.name.replace('-', '_') + "_live_" + schema;
    }

    private static Map<String, Duration> native_() {
        return Map.of("rp_" + Topics.suffix(WINDOW), WINDOW, "rp_" + Topics.suffix(COARSE), COARSE);
    }

    private static Map<String, Duration> heapster() {
        return Map.of("default", WINDOW, "rp_" + Topics.suffix(COARSE), COARSE);
    }

    private boolean fleetDone() {
        try {
            return fixture.points(live("native"), native_(), TO.minus(COARSE), TO).stream()
                    .anyMatch(p -> p.measurement().equals("fleet") && p.retentionPolicy().equals("rp_1m"));
        } catch (IllegalStateException e) {
            return false;   // the database is not there yet
        }
    }

    @Test
    void replayRawGivesTheLiveRunsPointsForEveryCompleteWindowInBothSchemas() throws Exception {
        for (var schema : List.of("native", "heapster")) {
            var policies = schema.equals("native") ? native_() : heapster();
            var database = fixture.name.replace('-', '_') + "_raw_" + schema;
            var summary = schema.equals("native") ? nativeReplay()
                    : Replays.raw(rawJob(), target(schema, database), () -> false, false);
            var expected = fixture.points(live(schema), policies, FROM, TO);
            var actual = fixture.points(database, policies, FROM, TO);
            assertThat(expected).hasSizeGreaterThan(100);
            PointsAssert.assertSamePoints(actual, expected);
            assertThat(summary.windows()).as("10 s windows from 00:01:00 to 00:03:00").isEqualTo(13);
            assertThat(summary.points()).isEqualTo(expected.size());
            assertThat(fixture.points(database, policies, Instant.EPOCH, Instant.now()))
                    .as("nothing outside the range's complete windows").hasSameSizeAs(actual);
        }
    }

    @Test
    void oneClustersReplayIsThatClustersPartOfTheLiveRunWithoutTheFleet() throws Exception {
        var database = fixture.name.replace('-', '_') + "_cluster";
        var plain = rawJob();
        var job = new RawReplay.RawReplayJob(plain.kafka(), plain.rollup(), plain.range(), "cluster-1", false, 0,
                plain.giveUpAfter());

        Replays.raw(job, target("native", database), () -> false, false);

        var expected = fixture.points(live("native"), native_(), FROM, TO).stream()
                .filter(p -> "cluster-1".equals(p.tags().get("cluster"))).toList();
        assertThat(expected).isNotEmpty();
        PointsAssert.assertSamePoints(fixture.points(database, native_(), FROM, TO), expected);
    }

    @Test
    void aSecondReplayLeavesTheDatabaseIdentical() throws Exception {
        nativeReplay();
        List<InfluxPoint> first = dump(nativeDatabase());
        Replays.raw(rawJob(), target("native", nativeDatabase()), () -> false, false);
        assertThat(dump(nativeDatabase())).isNotEmpty().isEqualTo(first);
    }

    @Test
    void replayRollupsRebuildsWhatTheWriterWrote() throws Exception {
        var database = fixture.name.replace('-', '_') + "_rollups";
        for (var resolution : List.of(WINDOW, COARSE)) {
            var job = new RollupsReplay.RollupsReplayJob(kafka(), fixture.rollupPrefix() + Topics.suffix(resolution),
                    resolution, range(), 0, Duration.ofSeconds(30));
            Replays.rollups(job, target("native", database), () -> false, false);
        }
        PointsAssert.assertSamePoints(fixture.points(database, native_(), FROM, TO),
                fixture.points(live("native"), native_(), FROM, TO));
    }

    @Test
    void anInterruptedReplayRerunLeavesWhatAnUninterruptedOneDoes() throws Exception {
        nativeReplay();
        var database = fixture.name.replace('-', '_') + "_interrupted";
        int[] checks = {0};
        var stopped = Replays.raw(rawJob(), target("native", database), () -> ++checks[0] > 300, false);
        assertThat(stopped.interrupted()).isTrue();
        assertThat(dump(database)).isNotEmpty().hasSizeLessThan(dump(nativeDatabase()).size());

        var rerun = Replays.raw(rawJob(), target("native", database), () -> false, false);

        assertThat(rerun.interrupted()).isFalse();
        assertThat(dump(database)).isEqualTo(dump(nativeDatabase()));
    }

    @Test
    void replayRawCanPublishToTopicsOfItsOwnInstead() throws Exception {
        var prefix = fixture.name + ".replayed.";
        for (var resolution : List.of(WINDOW, COARSE)) {
            TestServices.createTopic(fixture.bootstrap, prefix + Topics.suffix(resolution), 1);
        }
        var summary = Replays.raw(rawJob(), resolutions -> TopicOutput.open(kafka(), prefix, fixture.rollupPrefix(),
                resolutions), () -> false, false);

        assertThat(summary.points()).isPositive().isEqualTo(summary.rollups());
        try (var consumer = kafka().consumer()) {
            var partitions = List.of(new TopicPartition(prefix + Topics.suffix(WINDOW), 0),
                    new TopicPartition(prefix + Topics.suffix(COARSE), 0));
            assertThat(consumer.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum())
                    .isEqualTo(summary.rollups());
        }
    }

    @Test
    void includeLateMergesTheLateTopicsScrapesIntoTheirWindows() throws Exception {
        var database = fixture.name.replace('-', '_') + "_late";
        var plain = rawJob();
        var job = new RawReplay.RawReplayJob(plain.kafka(), plain.rollup(), plain.range(), null, true, 0,
                plain.giveUpAfter());

        var summary = Replays.raw(job, target("native", database), () -> false, false);

        assertThat(summary.lateMerged()).isEqualTo(5);
        var everyScrape = RawTopic.readAll(fixture.bootstrap, fixture.raw());   // in scrape-time order: none late
        var reference = ReferenceRollups.compute(everyScrape, WINDOW, ReplayFixture.GRACE, List.of(COARSE)).stream()
                .filter(r -> range().holds(r.windowStart(), r.windowEnd())).toList();
        var expected = ExpectedPoints.of(reference);
        PointsAssert.assertSamePoints(fixture.points(database, native_(), FROM, TO), expected);
        assertThat(fixture.points(live("native"), native_(), FROM, TO)).as("the live run lacks the late scrapes")
                .isNotEqualTo(fixture.points(database, native_(), FROM, TO));
    }

    /**
     * SIGTERM, not SIGINT: a process started in the background by a shell without job control inherits SIGINT as
     * ignored, and the JVM then leaves it ignored, so only TERM reaches it everywhere this test runs.
     */
    @Test
    void aSignalStopsTheCommandCleanlyAndARerunCompletesIt() throws Exception {
        nativeReplay();
        var database = fixture.name.replace('-', '_') + "_signal";
        // slowed to 40 scrapes/s, small batches: points are written early, and the signal comes mid-run
        var slow = ReplayProcess.raw(fixture, FROM, TO, database, "--max-rate", "40", "--batch-size", "200");
        await().atMost(Duration.ofSeconds(60)).until(() -> written(database) || !slow.isAlive());
        assertThat(slow.isAlive()).as("still replaying when the signal comes").isTrue();
        new ProcessBuilder("kill", "-TERM", Long.toString(slow.pid())).start().waitFor();

        assertThat(slow.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(slow.exitValue()).as(ReplayProcess.log()).isEqualTo(143);
        assertThat(ReplayProcess.output(slow)).startsWith("replay interrupted (rerun the same command to complete it)");
        assertThat(dump(database)).hasSizeLessThan(dump(nativeDatabase()).size());

        // the rerun in this JVM: the same code as the command's, without a second JVM start
        var rerun = Replays.raw(rawJob(), target("native", database), () -> false, false);
        assertThat(rerun.interrupted()).isFalse();
        assertThat(dump(database)).isEqualTo(dump(nativeDatabase()));
    }

    /** Whether the database has points yet (it does not exist before the replay created it). */
    private boolean written(String database) {
        try {
            return !dump(database).isEmpty();
        } catch (IllegalStateException e) {
            return false;
        }
    }

    /** One native replay of the range, shared by the tests that need a reference replay (each costs seconds). */
    private ReplaySummary nativeReplay() throws InterruptedException {
        if (nativeSummary == null) {
            nativeSummary = Replays.raw(rawJob(), target("native", nativeDatabase()), () -> false, false);
        }
        return nativeSummary;
    }

    private String nativeDatabase() {
        return fixture.name.replace('-', '_') + "_raw_native";
    }

    /** Every point of a native database, sorted: what "the same database" means. */
    private List<InfluxPoint> dump(String database) {
        return fixture.points(database, native_(), Instant.EPOCH, Instant.now());
    }

    private RawReplay.RawReplayJob rawJob() {
        var settings = fixture.aggregator("unused").settings(ReplayFixture.RAW_PARTITIONS);
        return new RawReplay.RawReplayJob(kafka(), settings, range(), null, false, 0, Duration.ofSeconds(30));
    }

    private ReplayKafka kafka() {
        return new ReplayKafka(fixture.bootstrap, Map.of(), fixture.name, Duration.ofSeconds(30));
    }

    private static ReplayRange range() {
        return ReplayRange.of(FROM, TO, Instant.now(), WINDOW);
    }

    private InfluxTarget target(String schema, String database) {
        return new InfluxTarget(fixture.writer(schema, database), null, Duration.ofSeconds(30));
    }
}
