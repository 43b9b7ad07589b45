package io.heapstream.writer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The writer's own meters, {@code heapstream_writer_*} in Prometheus: points written, batches and their latency,
 * retries, dead letters, whether InfluxDB answers, pending points, consumer lag, rebalances.
 */
public final class WriterMetrics {
    private final Counter pointsWritten;
    private final Counter pointsRejected;
    private final Counter batches;
    private final Timer batchLatency;
    private final Counter influxRetries;
    private final Counter deadLetterRetries;
    private final Counter deadLettersUnreadable;
    private final Counter deadLettersRejected;
    private final Counter revocations;
    private final Counter rollupsExpired;
    private final Counter pointsExpired;
    private final Counter rollupsUnwritable;
    private final AtomicInteger ignoredTopics = new AtomicInteger();
    private final AtomicInteger failingLanes = new AtomicInteger();
    private final AtomicBoolean paused = new AtomicBoolean();
    private final AtomicLong pendingPoints = new AtomicLong();
    private final AtomicLong consumerLag = new AtomicLong();

    public WriterMetrics(MeterRegistry registry) {
        pointsWritten = Counter.builder("heapstream.writer.points.written")
                .description("Points InfluxDB acknowledged").register(registry);
        pointsRejected = Counter.builder("heapstream.writer.points.rejected")
                .description("Points InfluxDB refused as invalid (their records went to the dead-letter topic)")
                .register(registry);
        batches = Counter.builder("heapstream.writer.batches")
                .description("Batches acknowledged, dead letters included").register(registry);
        batchLatency = Timer.builder("heapstream.writer.batch.latency")
                .description("From a batch's first write attempt to its acknowledgement, retries included")
                .publishPercentiles(0.5, 0.99).register(registry);
        influxRetries = Counter.builder("heapstream.writer.retries").tag("cause", "influx")
                .description("Batch attempts that failed and will be retried").register(registry);
        deadLetterRetries = Counter.builder("heapstream.writer.retries").tag("cause", "dead_letter")
                .description("Batch attempts that failed and will be retried").register(registry);
        deadLettersUnreadable = Counter.builder("heapstream.writer.dead.letters").tag("reason", "unreadable")
                .description("Records sent to the dead-letter topic").register(registry);
        deadLettersRejected = Counter.builder("heapstream.writer.dead.letters").tag("reason", "rejected")
                .description("Records sent to the dead-letter topic").register(registry);
        revocations = Counter.builder("heapstream.writer.revocations")
                .description("Rebalances that took partitions from this writer (revoked or lost)").register(registry);
        rollupsExpired = Counter.builder("heapstream.writer.rollups.expired")
                .description("Rollups older than their retention policy: skipped, InfluxDB would refuse them")
                .register(registry);
        pointsExpired = Counter.builder("heapstream.writer.points.expired")
                .description("Points InfluxDB dropped as beyond its retention policy (the rest of their batch was"
                        + " written)").register(registry);
        rollupsUnwritable = Counter.builder("heapstream.writer.rollups.unwritable")
                .description("Rollups with a name or tag value line protocol cannot carry (newline, trailing"
                        + " backslash...): sent to the dead-letter topic, not written").register(registry);
        Gauge.builder("heapstream.writer.ignored.topics", ignoredTopics, AtomicInteger::get)
                .description("Rollup topics that exist but whose resolution --retention does not list: not read")
                .register(registry);
        Gauge.builder("heapstream.writer.influx.up", failingLanes, failing -> failing.get() == 0 ? 1 : 0)
                .description("1 while InfluxDB acknowledges writes, 0 while the writer retries").register(registry);
        Gauge.builder("heapstream.writer.paused", paused, p -> p.get() ? 1 : 0)
                .description("1 while consumption is paused (InfluxDB down or too many pending points)")
                .register(registry);
        Gauge.builder("heapstream.writer.pending.points", pendingPoints, AtomicLong::get)
                .description("Points read from Kafka and not yet acknowledged").register(registry);
        Gauge.builder("heapstream.writer.consumer.lag", consumerLag, AtomicLong::get)
                .description("Records on the assigned partitions not yet read").baseUnit("records")
                .register(registry);
    }

    public Counter pointsWritten() {
        return pointsWritten;
    }

    public Counter pointsRejected() {
        return pointsRejected;
    }

    public Counter batches() {
        return batches;
    }

    public Timer batchLatency() {
        return batchLatency;
    }

    public Counter influxRetries() {
        return influxRetries;
    }

    public Counter deadLetterRetries() {
        return deadLetterRetries;
    }

    public Counter deadLettersUnreadable() {
        return deadLettersUnreadable;
    }

    public Counter deadLettersRejected() {
        return deadLettersRejected;
    }

    public Counter revocations() {
        return revocations;
    }

    public Counter rollupsExpired() {
        return rollupsExpired;
    }

    public Counter pointsExpired() {
        return pointsExpired;
    }

    public Counter rollupsUnwritable() {
        return rollupsUnwritable;
    }

    public AtomicInteger ignoredTopics() {
        return ignoredTopics;
    }

    /** Lanes whose current batch InfluxDB does not take: InfluxDB counts as up while there are none. */
    public AtomicInteger failingLanes() {
        return failingLanes;
    }

    public boolean influxUp() {
        return failingLanes.get() == 0;
    }

    public AtomicBoolean paused() {
        return paused;
    }

    public AtomicLong pendingPoints() {
        return pendingPoints;
    }

    public AtomicLong consumerLag() {
        return consumerLag;
    }
}
