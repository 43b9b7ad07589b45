package io.heapstream.writer.delivery;

import io.heapstream.writer.WriterMetrics;
import io.heapstream.writer.influx.BatchResult;
import io.heapstream.writer.influx.InfluxBatchWriter;
import io.heapstream.writer.influx.InfluxUnavailableException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One sequential writer to InfluxDB. Every partition is always routed to the same lane, so its batches are
 * written in offset order and an acknowledged batch means all earlier records of its partitions are in
 * InfluxDB. A failed batch is retried, with backoff, until InfluxDB takes it or the lane is halted; meanwhile
 * the consumer pauses (see {@link WriterMetrics#failingLanes()}), so memory stays bounded.
 */
final class Lane {
    private static final Logger LOG = LoggerFactory.getLogger(Lane.class);

    private final String name;
    private final InfluxBatchWriter writer;
    private final DeadLetters deadLetters;
    private final OffsetTracker tracker;
    private final WriterMetrics metrics;
    private final Backoff backoff;
    private final WriterHooks hooks;
    private final Runnable onDatabaseMissing;
    private final BlockingQueue<Batch> queue = new LinkedBlockingQueue<>();
    private final CountDownLatch halt = new CountDownLatch(1);
    private final Object idleLock = new Object();
    private final Thread thread;
    private int outstanding;
    private boolean failing;

    Lane(String name, InfluxBatchWriter writer, DeadLetters deadLetters, OffsetTracker tracker, WriterMetrics metrics,
         Backoff backoff, WriterHooks hooks, Runnable onDatabaseMissing) {
        this.name = name;
        this.writer = writer;
        this.deadLetters = deadLetters;
        this.tracker = tracker;
        this.metrics = metrics;
        this.backoff = backoff;
        this.hooks = hooks;
        this.onDatabaseMissing = onDatabaseMissing;
        this.thread = new Thread(this::run, name);
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    void submit(Batch batch) {
        synchronized (idleLock) {
            outstanding++;
        }
        queue.add(batch);
    }

    /** Waits until every submitted batch is acknowledged; {@code false} on timeout. */
    boolean awaitIdle(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (idleLock) {
            while (outstanding > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(idleLock, left);
            }
            return true;
        }
    }

    /** Stops after the current attempt; batches not acknowledged by then are re-delivered to the next writer. */
    void halt(Duration join) throws InterruptedException {
        halt.countDown();
        thread.join(join.toMillis());
    }

    /** False when the lane's thread died of an unexpected error (not when it was halted). */
    boolean isAlive() {
        return halted() || thread.isAlive();
    }

    private boolean halted() {
        return halt.getCount() == 0;
    }

    private void run() {
        try {
            while (!halted()) {
                Batch batch = queue.poll(100, TimeUnit.MILLISECONDS);
                if (batch != null && deliver(batch)) {
                    synchronized (idleLock) {
                        outstanding--;
                        idleLock.notifyAll();
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.error("lane={} stopped by an unexpected error; unacknowledged records will be re-delivered", name, e);
            failing(true);
        }
    }

    /** Retries until the batch is acknowledged ({@code true}) or the lane is halted ({@code false}). */
    private boolean deliver(Batch batch) throws InterruptedException {
        long started = System.nanoTime();
        int attempt = 0;
        long downSince = 0;
        while (!halted()) {
            try {
                writeAndDeadLetter(batch);
                if (attempt > 0) {
                    LOG.info("lane={} InfluxDB took the batch again after {} retries in {} s", name, attempt,
                            (System.nanoTime() - downSince) / 1_000_000_000);
                }
                failing(false);
                hooks.acknowledged(batch);
                tracker.acknowledge(batch);
                metrics.batches().increment();
                metrics.batchLatency().record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
                metrics.pendingPoints().addAndGet(-batch.weight());
                return true;
            } catch (InfluxUnavailableException e) {
                downSince = attempt == 0 ? System.nanoTime() : downSince;
                failing(true);
                metrics.influxRetries().increment();
                logFailure(attempt, e.getMessage() + hint(e), batch);
                if (e.failure().databaseNotFound()) {
                    onDatabaseMissing.run();
                }
            } catch (DeadLetters.DeadLetterException e) {
                downSince = attempt == 0 ? System.nanoTime() : downSince;
                metrics.deadLetterRetries().increment();
                logFailure(attempt, e.getMessage(), batch);
            }
            if (halt.await(backoff.delay(attempt).toMillis(), TimeUnit.MILLISECONDS)) {
                return false;
            }
            attempt++;
        }
        return false;
    }

    private void failing(boolean now) {
        if (now != failing) {
            failing = now;
            metrics.failingLanes().addAndGet(now ? 1 : -1);
        }
    }

    private void writeAndDeadLetter(Batch batch) throws InfluxUnavailableException,
            DeadLetters.DeadLetterException {
        // By record index: dead letters keep the order of their source records.
        var letters = new TreeMap<Integer, DeadLetters.DeadLetter>();
        for (int i = 0; i < batch.records().size(); i++) {
            PendingRecord record = batch.records().get(i);
            if (record.unreadable() != null) {
                letters.put(i, new DeadLetters.DeadLetter(record, record.unreadable()));
            }
        }
        int written = 0;
        int rejected = 0;
        int expired = 0;
        for (Map.Entry<String, Batch.Group> group : batch.groups().entrySet()) {
            BatchResult result = writer.write(group.getKey(), group.getValue().lines());
            written += result.written();
            rejected += result.rejected().size();
            expired += result.expired();
            for (BatchResult.Rejection rejection : result.rejected()) {
                int owner = group.getValue().owners().get(rejection.index());
                letters.putIfAbsent(owner, new DeadLetters.DeadLetter(batch.records().get(owner),
                        "InfluxDB rejected a point: " + rejection.reason()));
            }
        }
        if (!letters.isEmpty()) {
            deadLetters.publish(new ArrayList<>(letters.values()));
            long unreadable = letters.values().stream().filter(l -> l.record().unreadable() != null).count();
            metrics.deadLettersUnreadable().increment(unreadable);
            metrics.deadLettersRejected().increment(letters.size() - unreadable);
            LOG.warn("lane={} dead-lettered {} record(s) ({} unreadable, {} point(s) rejected by InfluxDB); first: {}",
                    name, letters.size(), unreadable, rejected, letters.values().iterator().next().reason());
        }
        metrics.pointsWritten().increment(written);
        metrics.pointsRejected().increment(rejected);
        metrics.pointsExpired().increment(expired);
    }

    private void logFailure(int attempt, String reason, Batch batch) {
        // Once when it starts, then every tenth attempt: an outage of minutes should not flood the log.
        if (attempt % 10 == 0) {
            LOG.warn("lane={} batch of {} point(s) not delivered (attempt {}): {}; consumption paused, retrying"
                    + " with backoff up to --retry-backoff-max", name, batch.points(), attempt + 1, reason);
        }
    }

    private static String hint(InfluxUnavailableException e) {
        int status = e.failure().status();
        if (status == 401 || status == 403) {
            return " (check --influx-user and HEAPSTREAM_INFLUX_PASSWORD or --influx-password-file)";
        }
        if (e.failure().databaseNotFound()) {
            return " (the writer creates it again; with --no-create, someone else has to)";
        }
        return "";
    }
}
