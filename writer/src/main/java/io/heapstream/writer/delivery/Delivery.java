package io.heapstream.writer.delivery;

import io.heapstream.writer.InfluxSetup;
import io.heapstream.writer.WriterConfig;
import io.heapstream.writer.WriterMetrics;
import io.heapstream.writer.influx.InfluxBatchWriter;
import io.heapstream.writer.influx.InfluxClient;
import io.heapstream.writer.schema.InfluxSchema;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The threads of one writer: the consumer thread (set up InfluxDB, then {@link DeliveryLoop}) and one thread per
 * lane ({@code --write-parallelism}). Owns their order of shutdown: stop polling, let the lanes finish within a
 * grace period, commit what was acknowledged, close the consumer, halt the lanes.
 */
public final class Delivery {
    private static final Logger LOG = LoggerFactory.getLogger(Delivery.class);

    private final Consumer<byte[], byte[]> consumer;
    private final WriterConfig config;
    private final InfluxSetup setup;
    private final Backoff backoff;
    private final List<Lane> lanes = new ArrayList<>();
    private final DeliveryLoop loop;
    private final CountDownLatch stopping = new CountDownLatch(1);
    private Thread thread;
    private Duration grace;
    private volatile boolean subscribed;
    private volatile boolean failed;

    public Delivery(Consumer<byte[], byte[]> consumer, WriterConfig config, InfluxSchema schema, InfluxClient influx,
                    InfluxSetup setup, DeadLetters deadLetters, WriterMetrics metrics, Backoff backoff,
                    WriterHooks hooks) {
        this.consumer = consumer;
        this.config = config;
        this.setup = setup;
        this.backoff = backoff;
        var tracker = new OffsetTracker();
        var writer = new InfluxBatchWriter(influx);
        for (int i = 0; i < config.writeParallelism(); i++) {
            lanes.add(new Lane("heapstream-writer-lane-" + i, writer, deadLetters, tracker, metrics, backoff, hooks,
                    this::setUpQuietly));
        }
        this.loop = new DeliveryLoop(consumer, new RecordConverter(schema, Clock.systemUTC(), metrics), lanes,
                tracker, metrics, config.batchSize(), config.flushInterval(), config.maxPendingPoints());
    }

    public void start(Duration stopGrace) {
        this.grace = stopGrace;
        lanes.forEach(Lane::start);
        thread = new Thread(this::run, "heapstream-writer-consumer");
        thread.start();
    }

    public boolean isSubscribed() {
        return subscribed;
    }

    /**
     * False once the consumer thread or a lane died of an unexpected error, an {@link Error} included: the
     * consumer thread only ends on its own when told to stop, so a thread that is gone otherwise is dead.
     */
    public boolean isAlive() {
        boolean consumerRunning = thread == null || thread.isAlive() || stopping.getCount() == 0;
        return !failed && consumerRunning && lanes.stream().allMatch(Lane::isAlive);
    }

    /** Idempotent; returns once the consumer is closed and the lanes are halted. */
    public void stop() {
        stopping.countDown();
        loop.stop();
        try {
            thread.join(grace.plusSeconds(30).toMillis());
            for (Lane lane : lanes) {
                lane.halt(Duration.ofSeconds(5));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        try {
            if (!awaitSetup()) {
                return;
            }
            subscribed = true;
            loop.run(config.rollupTopics(), config.rollupTopicPrefix());
        } catch (RuntimeException | Error e) {
            // An Error too (a StackOverflowError in a converter, an OutOfMemoryError): /healthz must say so.
            failed = true;
            LOG.error("writer consumer stopped by an unexpected error; unacknowledged records will be re-delivered",
                    e);
        } finally {
            subscribed = false;
            finish();
        }
    }

    /** Sets up InfluxDB, retrying with backoff while it is unreachable; false if told to stop first. */
    private boolean awaitSetup() {
        for (int attempt = 0; stopping.getCount() > 0; attempt++) {
            try {
                setup.ensure();
                return true;
            } catch (RuntimeException e) {
                Duration wait = backoff.delay(attempt);
                LOG.warn("influx={} setup failed (attempt {}), retrying in {} ms: {}", config.influxUrl(),
                        attempt + 1, wait.toMillis(), e.toString());
                try {
                    if (stopping.await(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                        return false;
                    }
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
        return false;
    }

    private void finish() {
        try {
            long deadline = System.nanoTime() + grace.toNanos();
            for (Lane lane : lanes) {
                long left = Math.max(0, deadline - System.nanoTime());
                if (!lane.awaitIdle(Duration.ofNanos(left))) {
                    LOG.warn("stopping with unacknowledged batches: their records are re-delivered to the next"
                            + " writer of the group (writes are idempotent)");
                    break;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            loop.commitAcknowledged();
        } catch (RuntimeException e) {
            LOG.warn("final commit failed, the next writer re-writes from the last commit: {}", e.toString());
        }
        consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
    }

    private void setUpQuietly() {
        if (!config.createDatabase()) {
            return;
        }
        try {
            setup.ensure();
        } catch (RuntimeException e) {
            LOG.debug("setup while retrying failed: {}", e.toString());
        }
    }
}
