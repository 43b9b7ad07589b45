package io.heapstream.writer.delivery;

import io.heapstream.writer.WriterMetrics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The consumer thread: polls the rollup topics, turns records into lines, fills one batch per lane (by size,
 * when the oldest record waited the flush interval, or as soon as a poll finds nothing more to read: a window's
 * last points should not wait for company that is not coming), commits what the lanes acknowledged, and pauses the
 * partitions while InfluxDB is down or too many points are pending. It keeps calling {@code poll()} while
 * paused (poll then returns nothing), so the consumer stays in its group however long InfluxDB is away.
 */
final class DeliveryLoop implements ConsumerRebalanceListener {
    private static final Logger LOG = LoggerFactory.getLogger(DeliveryLoop.class);
    private static final Duration POLL = Duration.ofMillis(100);
    private static final long COMMIT_EVERY_NANOS = Duration.ofMillis(250).toNanos();
    /** How often to look for rollup topics that appeared and are not read (an aggregator started later). */
    private static final long TOPIC_CHECK_EVERY_NANOS = Duration.ofMinutes(5).toNanos();

    private final Consumer<byte[], byte[]> consumer;
    private final RecordConverter converter;
    private final List<Lane> lanes;
    private final List<Pending> pending = new ArrayList<>();
    private final OffsetTracker tracker;
    private final WriterMetrics metrics;
    private final int batchSize;
    private final long flushNanos;
    private final int maxPendingPoints;
    private volatile boolean running = true;
    private boolean paused;
    private long lastCommit;
    private IgnoredTopics ignoredTopics;
    private long lastTopicCheck;

    /** The batch a lane is filling; only the consumer thread touches it. */
    private static final class Pending {
        List<PendingRecord> records = new ArrayList<>();
        int points;
        long firstNanos;
    }

    DeliveryLoop(Consumer<byte[], byte[]> consumer, RecordConverter converter, List<Lane> lanes, OffsetTracker tracker,
                 WriterMetrics metrics, int batchSize, Duration flushInterval, int maxPendingPoints) {
        this.consumer = consumer;
        this.converter = converter;
        this.lanes = List.copyOf(lanes);
        this.tracker = tracker;
        this.metrics = metrics;
        this.batchSize = batchSize;
        this.flushNanos = flushInterval.toNanos();
        this.maxPendingPoints = maxPendingPoints;
        lanes.forEach(lane -> pending.add(new Pending()));
    }

    /** Polls until {@link #stop()}; then hands every read record to the lanes. */
    void run(Collection<String> topics, String rollupTopicPrefix) {
        consumer.subscribe(topics, this);
        ignoredTopics = new IgnoredTopics(rollupTopicPrefix, topics, metrics.ignoredTopics());
        try {
            while (running) {
                step();
            }
        } catch (WakeupException e) {
            if (running) {
                throw e;
            }
        } finally {
            for (int lane = 0; lane < lanes.size(); lane++) {
                submit(lane);
            }
        }
    }

    /** Called from any thread: the loop ends at its next poll. */
    void stop() {
        running = false;
        consumer.wakeup();
    }

    /** Commits what is acknowledged; the last act of the consumer thread before the consumer closes. */
    void commitAcknowledged() {
        commit(tracker.uncommitted(null));
    }

    void step() {
        var records = consumer.poll(POLL);
        for (ConsumerRecord<byte[], byte[]> record : records) {
            var partition = new TopicPartition(record.topic(), record.partition());
            int lane = laneOf(partition);
            PendingRecord converted = converter.convert(record, tracker.generation(partition));
            Pending batch = pending.get(lane);
            if (batch.records.isEmpty()) {
                batch.firstNanos = System.nanoTime();
            }
            batch.records.add(converted);
            batch.points += converted.lines().size();
            metrics.pendingPoints().addAndGet(converted.weight());
            if (batch.points >= batchSize || batch.records.size() >= batchSize) {
                submit(lane);
            }
        }
        long now = System.nanoTime();
        for (int lane = 0; lane < lanes.size(); lane++) {
            Pending batch = pending.get(lane);
            if (!batch.records.isEmpty() && (records.isEmpty() || now - batch.firstNanos >= flushNanos)) {
                submit(lane);
            }
        }
        if (now - lastCommit >= COMMIT_EVERY_NANOS) {
            commit(tracker.uncommitted(null));
            lastCommit = now;
        }
        flowControl();
        updateLag();
        if (ignoredTopics != null && (lastTopicCheck == 0 || now - lastTopicCheck >= TOPIC_CHECK_EVERY_NANOS)) {
            lastTopicCheck = now;
            ignoredTopics.check(consumer);
        }
    }

    private int laneOf(TopicPartition partition) {
        return Math.floorMod(partition.hashCode(), lanes.size());
    }

    private void submit(int lane) {
        Pending batch = pending.get(lane);
        if (!batch.records.isEmpty()) {
            lanes.get(lane).submit(new Batch(batch.records));
            pending.set(lane, new Pending());
        }
    }

    private void flowControl() {
        long points = metrics.pendingPoints().get();
        boolean influxDown = !metrics.influxUp();
        boolean full = points >= maxPendingPoints;
        if (influxDown || full) {
            if (!paused) {
                if (full && !influxDown) {
                    LOG.warn("pending points {} reached --max-pending-points {}: consumption paused until InfluxDB"
                            + " catches up (raise it, --write-parallelism, or add replicas)", points, maxPendingPoints);
                }
                paused = true;
                metrics.paused().set(true);
            }
            // Every round, so that partitions assigned while paused are paused too.
            consumer.pause(consumer.assignment());
        } else if (paused) {
            consumer.resume(consumer.paused());
            paused = false;
            metrics.paused().set(false);
            LOG.info("consumption resumed: pending points {}", points);
        }
    }

    private void updateLag() {
        long lag = 0;
        for (TopicPartition partition : consumer.assignment()) {
            lag += consumer.currentLag(partition).orElse(0);
        }
        metrics.consumerLag().set(lag);
    }

    private void commit(Map<TopicPartition, OffsetAndMetadata> offsets) {
        if (offsets.isEmpty()) {
            return;
        }
        try {
            consumer.commitSync(offsets);
            tracker.committed(offsets);
        } catch (WakeupException e) {
            // stop() raced with a commit: commit once more, the wakeup is spent now.
            consumer.commitSync(offsets);
            tracker.committed(offsets);
        } catch (KafkaException e) {
            LOG.warn("commit of {} partition(s) failed, retried with the next commit: {}", offsets.size(),
                    e.toString());
        }
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
        if (partitions.isEmpty()) {
            return;
        }
        commit(tracker.uncommitted(partitions));
        forget(partitions, "revoked");
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
        if (!partitions.isEmpty()) {
            forget(partitions, "lost");
        }
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
        for (TopicPartition partition : partitions) {
            tracker.assign(partition);
        }
        if (!partitions.isEmpty()) {
            LOG.info("assigned {} partition(s): {}", partitions.size(), partitions);
        }
        if (paused) {
            consumer.pause(partitions);
        }
    }

    /** Drops what was read from these partitions and not yet handed to a lane: the next owner reads it again. */
    private void forget(Collection<TopicPartition> partitions, String how) {
        metrics.revocations().increment();
        tracker.revoke(partitions);
        Set<TopicPartition> gone = Set.copyOf(partitions);
        long dropped = 0;
        for (Pending batch : pending) {
            var kept = new ArrayList<PendingRecord>();
            for (PendingRecord record : batch.records) {
                if (gone.contains(record.partition())) {
                    dropped += record.weight();
                    batch.points -= record.lines().size();
                } else {
                    kept.add(record);
                }
            }
            batch.records = kept;
        }
        metrics.pendingPoints().addAndGet(-dropped);
        LOG.info("{} {} partition(s), {} unsent point(s) left for their next owner: {}", how, partitions.size(),
                dropped, partitions);
    }
}
