package io.heapstream.app.replay;

import static io.heapstream.app.replay.ReplayFixture.COARSE;
import static io.heapstream.app.replay.ReplayFixture.T0;
import static io.heapstream.app.replay.ReplayFixture.WINDOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.heapstream.aggregator.AggregatorService;
import io.heapstream.app.e2e.InfluxPoint;
import io.heapstream.app.e2e.PointsAssert;
import io.heapstream.model.Topics;
import io.heapstream.testkit.TestServices;
import io.heapstream.writer.WriterService;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
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
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(2)).until(() ->
                    counts.getAndSet(List.of(fixture.points(live("native"), native_(), FROM, TO).size(),
                            fixture.points(live("heapster"), heapster(), FROM, TO).size())).equals(counts.get()));
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
            var summary = Replays.raw(rawJob(), target(schema, database), () -> false, false);
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
    void aSecondReplayLeavesTheDatabaseIdentical() throws Exception {
        var database = fixture.name.replace('-', '_') + "_twice";
        Replays.raw(rawJob(), target("native", database), () -> false, false);
        List<InfluxPoint> first = fixture.points(database, native_(), Instant.EPOCH, Instant.now());
        Replays.raw(rawJob(), target("native", database), () -> false, false);
        List<InfluxPoint> second = fixture.points(database, native_(), Instant.EPOCH, Instant.now());
        assertThat(second).isNotEmpty().isEqualTo(first);
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
