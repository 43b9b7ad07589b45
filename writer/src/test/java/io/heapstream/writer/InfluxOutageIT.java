package io.heapstream.writer;

import static io.heapstream.writer.ItRollups.MINUTE;
import static io.heapstream.writer.ItRollups.START;
import static io.heapstream.writer.ItRollups.rollup;
import static io.heapstream.writer.ItRollups.stats;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.heapstream.local.InfluxServer;
import io.heapstream.model.rollup.Rollup;
import io.heapstream.model.rollup.RollupKey;
import io.heapstream.testkit.TestServices;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * InfluxDB goes away for longer than the consumer's max.poll.interval.ms and many retry rounds, while rollups
 * keep arriving; when it is back every point is there once, and the writer never left its consumer group.
 */
class InfluxOutageIT {
    private static final int PER_CHUNK = 10;
    private static final int MAX_PENDING = 300;
    private static final int BATCH = 50;

    private final InfluxServer influxd = InfluxServer.launch();
    private final ItEnvironment world = new ItEnvironment(TestServices.kafkaBootstrap(), influxd.url(), 2);
    private final AtomicInteger chunks = new AtomicInteger();
    private final AtomicBoolean producing = new AtomicBoolean(true);
    private final AtomicLong peakPending = new AtomicLong();
    private WriterService writer;
    private Thread producer;

    @AfterEach
    void tearDown() throws InterruptedException {
        producing.set(false);
        if (producer != null) {
            producer.join();
        }
        world.close();
        influxd.close();
    }

    @Test
    void everyPointArrivesOnceAfterAnOutageAndTheConsumerStaysInItsGroup() {
        writer = world.start(world.config("native", Map.of(
                "HEAPSTREAM_BATCH_SIZE", Integer.toString(BATCH),
                "HEAPSTREAM_MAX_PENDING_POINTS", Integer.toString(MAX_PENDING),
                "kafka.max.poll.interval.ms", "3000",
                "kafka.max.poll.records", "20")));
        var metrics = writer.metrics();
        producer = new Thread(this::produceUntilStopped, "outage-it-producer");
        producer.start();
        await().atMost(Duration.ofSeconds(60)).until(() -> metrics.pointsWritten().count() >= 5 * PER_CHUNK);

        influxd.stop();
        // Down for longer than max.poll.interval.ms (3 s) and many retry rounds, rollups arriving all along.
        await().atMost(Duration.ofSeconds(60)).until(() -> metrics.influxRetries().count() >= 10);
        await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(10)).until(() -> !metrics.influxUp());
        int chunksDuringOutage = chunks.get();
        influxd.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> chunks.get() >= chunksDuringOutage + 5);
        producing.set(false);
        await().atMost(Duration.ofSeconds(10)).until(() -> !producer.isAlive());

        long expected = (long) chunks.get() * PER_CHUNK;
        await().atMost(Duration.ofSeconds(60)).until(() -> world.count("rp_1m", "cluster", "cpu_usage_rate_avg")
                == expected);
        await().atMost(Duration.ofSeconds(10)).until(metrics::influxUp);
        assertThat(metrics.revocations().count()).as("rebalances that took partitions away").isZero();
        assertThat(peakPending.get()).isLessThanOrEqualTo(MAX_PENDING + 2 * 20L);
        await().atMost(Duration.ofSeconds(30)).until(() -> metrics.pendingPoints().get() == 0);
        assertThat(world.count("rp_1m", "cluster", "cpu_usage_rate_avg")).isEqualTo(expected);
    }

    /** One chunk of distinct series every 100 ms; samples the writer's pending points. */
    private void produceUntilStopped() {
        while (producing.get()) {
            int chunk = chunks.get();
            var rollups = new ArrayList<Rollup>(PER_CHUNK);
            for (int i = 0; i < PER_CHUNK; i++) {
                rollups.add(rollup(RollupKey.cluster("c" + chunk + "-" + i), MINUTE, START,
                        List.of(stats("cpu/usage_rate", chunk + i))));
            }
            world.produce(rollups);
            chunks.incrementAndGet();
            for (int wait = 0; wait < 10 && producing.get(); wait++) {
                peakPending.accumulateAndGet(writer.metrics().pendingPoints().get(), Math::max);
                java.util.concurrent.locks.LockSupport.parkNanos(10_000_000);
            }
        }
    }
}
