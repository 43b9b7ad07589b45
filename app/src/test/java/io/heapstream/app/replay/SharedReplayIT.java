package io.heapstream.app.replay;

import static io.heapstream.app.replay.ReplayFixture.COARSE;
import static io.heapstream.app.replay.ReplayFixture.T0;
import static io.heapstream.app.replay.ReplayFixture.WINDOW;
import static org.assertj.core.api.Assertions.assertThat;

import io.heapstream.app.e2e.InfluxPoint;
import io.heapstream.model.Topics;
import io.heapstream.testkit.TestServices;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.GroupListing;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Replay processes of one {@code --replay-id} share the raw partitions, as Streams instances do: two of them, each
 * slowed so that both are at work at once, write exactly the database one process writes alone, and leave neither
 * their group nor their topic behind.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SharedReplayIT {
    private static final Instant FROM = T0.plus(Duration.ofSeconds(50));
    private static final Instant TO = T0.plus(COARSE.multipliedBy(3));

    private ReplayFixture fixture;
    private long scrapes;

    @BeforeAll
    void history() throws Exception {
        fixture = new ReplayFixture(TestServices.kafkaBootstrap(), TestServices.influxUrl(),
                TestServices.unique("shared"));
        fixture.createTopics();
        scrapes = fixture.produceHistory();
    }

    @Test
    void twoProcessesOfOneReplayIdShareThePartitionsAndWriteWhatOneProcessWrites() throws Exception {
        var alone = fixture.name.replace('-', '_') + "_alone";
        var single = Replays.raw(job("alone", 0), target(alone), () -> false, false);
        assertThat(single.read()).isPositive();

        var shared = fixture.name.replace('-', '_') + "_shared";
        // about 16 s if one process did it all: the second joins while the first is at work, even on a slow machine
        var pair = job("pair", scrapes / 16.0);
        Callable<ReplaySummary> process = () -> Replays.raw(pair, target(shared), () -> false, false);
        var pool = Executors.newFixedThreadPool(2);
        try {
            var first = pool.submit(process);
            var second = pool.submit(process);
            var a = first.get(180, TimeUnit.SECONDS);
            var b = second.get(180, TimeUnit.SECONDS);

            assertThat(a.interrupted()).isFalse();
            assertThat(b.interrupted()).isFalse();
            assertThat(a.read()).as("each process aggregated a share of the scrapes").isPositive()
                    .isLessThan(single.read());
            assertThat(b.read()).isPositive().isLessThan(single.read());
        } finally {
            pool.shutdownNow();
        }
        assertThat(dump(shared)).hasSizeGreaterThan(100).isEqualTo(dump(alone));
        try (var admin = fixture.admin()) {
            var group = pair.kafka().group();
            assertThat(admin.listTopics().names().get()).as("the replay's topic is removed")
                    .noneMatch(t -> t.startsWith(group));
            assertThat(admin.listGroups().all().get()).extracting(GroupListing::groupId)
                    .as("the replay's group is removed").doesNotContain(group);
        }
    }

    private RawReplay.RawReplayJob job(String id, double maxRate) {
        var settings = fixture.aggregator("unused").settings(ReplayFixture.RAW_PARTITIONS);
        var kafka = new ReplayKafka(fixture.bootstrap, Map.of(), fixture.name + "-" + id, Duration.ofSeconds(30));
        return new RawReplay.RawReplayJob(kafka, settings, ReplayRange.of(FROM, TO, Instant.now(), WINDOW), null, false,
                maxRate, Duration.ofSeconds(30));
    }

    private InfluxTarget target(String database) {
        return new InfluxTarget(fixture.writer("native", database), null, Duration.ofSeconds(30));
    }

    private List<InfluxPoint> dump(String database) {
        return fixture.points(database, Map.of("rp_" + Topics.suffix(WINDOW), WINDOW, "rp_" + Topics.suffix(COARSE),
                COARSE), Instant.EPOCH, Instant.now());
    }
}
