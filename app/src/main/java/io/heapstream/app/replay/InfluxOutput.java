package io.heapstream.app.replay;

import io.heapstream.model.rollup.Rollup;
import io.heapstream.writer.InfluxSetup;
import io.heapstream.writer.delivery.Backoff;
import io.heapstream.writer.influx.InfluxBatchWriter;
import io.heapstream.writer.influx.InfluxClient;
import io.heapstream.writer.influx.InfluxUnavailableException;
import io.heapstream.writer.schema.InfluxSchema;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import org.influxdb.InfluxDBException;
import org.influxdb.InfluxDBIOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rollups into InfluxDB the way the writer writes them: its schema turns a rollup into lines, its batch writer
 * sends them and isolates the lines InfluxDB refuses. Same rollup, same lines, same timestamps, so writing a
 * range again overwrites points with themselves. An unreachable InfluxDB is retried with the writer's backoff
 * for at most {@code giveUpAfter}, then the replay fails with the reason.
 *
 * <p>Batches go out on {@code --write-parallelism} lanes, as the writer's do, so that aggregating the next
 * windows overlaps InfluxDB's work on the last ones; {@link #accept} waits while every lane is busy, and
 * {@link #flush} until every batch is acknowledged. Points of one replay never collide with different values, so
 * the order the lanes finish in does not matter.
 */
public final class InfluxOutput implements RollupSink {
    private static final Logger LOG = LoggerFactory.getLogger(InfluxOutput.class);

    private final InfluxClient client;
    private final InfluxSchema schema;
    private final InfluxBatchWriter writer;
    private final int batchSize;
    private final Backoff backoff;
    private final Duration giveUpAfter;
    private final Map<String, List<String>> pending = new HashMap<>();
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final ExecutorService lanes;
    private final Semaphore free;
    private final int parallelism;
    private final List<Future<?>> inFlight = new ArrayList<>();

    /** @param backoff the writer's {@code --retry-backoff} and {@code --retry-backoff-max} */
    public InfluxOutput(InfluxClient client, InfluxSchema schema, int batchSize, int parallelism, Backoff backoff,
                        Duration giveUpAfter) {
        this.parallelism = parallelism;
        this.free = new Semaphore(parallelism);
        this.lanes = Executors.newFixedThreadPool(parallelism, r -> {
            var t = new Thread(r, "replay-influx-write");
            t.setDaemon(true);
            return t;
        });
        this.client = client;
        this.backoff = backoff;
        this.schema = schema;
        this.writer = new InfluxBatchWriter(client);
        this.batchSize = batchSize;
        this.giveUpAfter = giveUpAfter;
    }

    /**
     * Creates the database and policies unless {@code create} is false, then checks that every policy the points
     * go to exists. Runs before anything is read, so a name InfluxDB refuses fails the replay with nothing written.
     *
     * @throws ReplayInputException when InfluxDB refuses a name, or with {@code --no-create} something is missing
     */
    public void prepare(boolean create) throws InterruptedException {
        retrying("prepare database " + schema.database(), () -> {
            try {
                new InfluxSetup(client, schema, create).ensure();
                var existing = new ArrayList<String>();
                var result = client.query("SHOW RETENTION POLICIES ON " + InfluxSetup.quote(schema.database()));
                result.getResults().forEach(r -> {
                    if (r.getSeries() != null) {
                        r.getSeries().forEach(s -> s.getValues().forEach(row -> existing.add(String.valueOf(row.get(0)))));
                    }
                });
                for (var policy : schema.retentionPolicies()) {
                    if (!existing.contains(policy.name())) {
                        throw new ReplayInputException("InfluxDB database " + schema.database() + " has no retention"
                                + " policy " + policy.name() + (create ? "" : " and --no-create is set"));
                    }
                }
            } catch (InfluxDBIOException e) {
                throw e;
            } catch (InfluxDBException e) {
                throw new ReplayInputException("InfluxDB refuses database " + schema.database() + " / policies "
                        + schema.retentionPolicies().stream().map(p -> p.name()).toList() + ": " + e.getMessage());
            }
            return null;
        });
    }

    @Override
    public void accept(Rollup rollup) throws InterruptedException {
        var policy = schema.retentionPolicy(rollup.resolution());
        var lines = pending.computeIfAbsent(policy, p -> new ArrayList<>());
        lines.addAll(schema.lines(rollup));
        if (lines.size() >= batchSize) {
            send(policy, lines);
        }
    }

    @Override
    public void flush() throws InterruptedException {
        for (var e : pending.entrySet()) {
            send(e.getKey(), e.getValue());
        }
        free.acquire(parallelism);
        free.release(parallelism);
        check(true);
    }

    /** A batch to the next free lane; a lane's failure (InfluxDB gone past giveUpAfter) surfaces here or in flush. */
    private void send(String policy, List<String> lines) throws InterruptedException {
        if (lines.isEmpty()) {
            return;
        }
        var batch = List.copyOf(lines);
        lines.clear();
        check(false);
        free.acquire();
        try {
            inFlight.add(lanes.submit(() -> {
                try {
                    write(policy, batch);
                } finally {
                    free.release();
                }
                return null;
            }));
        } catch (RuntimeException e) {
            free.release();
            throw e;
        }
    }

    /** Drops the acknowledged batches; rethrows a failed one's reason. */
    private void check(boolean all) throws InterruptedException {
        var it = inFlight.iterator();
        while (it.hasNext()) {
            var f = it.next();
            if (!all && !f.isDone()) {
                continue;
            }
            try {
                f.get();
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException r) {
                    throw r;
                }
                throw new ReplayFailure("cannot write to InfluxDB: " + e.getCause());
            }
            it.remove();
        }
    }

    private void write(String policy, List<String> batch) throws InterruptedException {
        var result = retrying("write " + batch.size() + " points to " + schema.database() + "." + policy, () -> {
            try {
                return writer.write(policy, batch);
            } catch (InfluxUnavailableException e) {
                throw new InfluxDBIOException(new java.io.IOException(e.failure().getMessage(), e));
            }
        });
        written.addAndGet(result.written());
        rejected.addAndGet(result.rejected().size());
        for (var r : result.rejected()) {
            LOG.error("influx refused point policy={} line={} reason={}", policy, batch.get(r.index()), r.reason());
        }
    }

    @Override
    public long written() {
        return written.get();
    }

    @Override
    public long rejected() {
        return rejected.get();
    }

    @Override
    public void close() {
        lanes.shutdownNow();
        client.close();
    }

    private interface Call<T> {
        T run();
    }

    /** Retries what fails to reach InfluxDB (I/O, 5xx) with backoff until {@code giveUpAfter}, then gives up. */
    private <T> T retrying(String what, Call<T> call) throws InterruptedException {
        long deadline = System.nanoTime() + giveUpAfter.toNanos();
        for (int attempt = 0; ; attempt++) {
            try {
                return call.run();
            } catch (InfluxDBIOException e) {
                var reason = e.getCause() == null ? e.getMessage() : e.getCause().getMessage();
                if (System.nanoTime() > deadline) {
                    throw new ReplayFailure("cannot " + what + ": InfluxDB unreachable for " + giveUpAfter.toSeconds()
                            + "s: " + reason);
                }
                var wait = backoff.delay(attempt);
                LOG.warn("influx unreachable, retrying in {} ms: {}", wait.toMillis(), reason);
                Thread.sleep(wait.toMillis());
            }
        }
    }
}
