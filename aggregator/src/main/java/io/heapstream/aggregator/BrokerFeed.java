package io.heapstream.aggregator;

import io.heapstream.model.BrokerWatch;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The live aggregator's {@link RawFeed}, from the broker's side: every {@link BrokerWatch#EVERY} it reads the raw
 * topic's first and next offsets and the application's committed offsets. A partition's silence counts while the
 * broker answers and the aggregator's committed offset has reached where the partition ended
 * {@value #BEHIND_POLLS} looks ago (about ten seconds: a busy partition is never further behind than a commit
 * interval); a partition "received" a record when its end offset grew. Also tells {@code /readyz} whether the
 * broker answers.
 *
 * <p>A look costs the broker two requests: the end offsets (one {@code ListOffsets} per partition leader) and the
 * committed ones (one {@code OffsetFetch}). It asks with a consumer that never subscribes (so never joins the
 * group, never commits): unlike an admin client, which looked the group's coordinator up again on every call,
 * it keeps the coordinator and the partitions' leaders between looks. The first offsets are asked only for a
 * partition that has no committed offset and whose end moved since it was last found empty (an empty partition
 * whose end has not moved is still empty); at 7 nodes the look was four requests every 2 s, about half of what
 * the aggregator asked of the broker (docs/benchmarks-central.md).
 */
public final class BrokerFeed implements RawFeed, AutoCloseable {
    static final int BEHIND_POLLS = 5;

    private final int partitions;
    private final long[][] ends;
    private final long[] caughtUpSince;
    private final long[] grewAt;
    /** The end at which a partition without a committed offset was last found empty; -1 while not known. */
    private final long[] emptyAt;
    private int polls;
    private final Consumer<byte[], byte[]> consumer;
    private final List<TopicPartition> topicPartitions;
    private final BrokerWatch watch;

    /** {@code clientProps}: bootstrap and the user's Kafka settings (TLS, SASL), as for an admin client. */
    public BrokerFeed(String rawTopic, String applicationId, int partitions, Map<String, Object> clientProps) {
        this.partitions = partitions;
        this.ends = new long[partitions][BEHIND_POLLS];
        this.caughtUpSince = new long[partitions];
        this.grewAt = new long[partitions];
        this.emptyAt = new long[partitions];
        Arrays.fill(caughtUpSince, Long.MAX_VALUE);
        Arrays.fill(grewAt, Long.MIN_VALUE);
        Arrays.fill(emptyAt, -1);
        var list = new ArrayList<TopicPartition>(partitions);
        for (int p = 0; p < partitions; p++) {
            list.add(new TopicPartition(rawTopic, p));
        }
        this.topicPartitions = List.copyOf(list);
        this.consumer = new KafkaConsumer<>(consumerProps(applicationId, clientProps),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.watch = new BrokerWatch("aggregator", this::look);
    }

    public BrokerFeed start() {
        watch.start();
        return this;
    }

    public boolean reachable() {
        return watch.reachable();
    }

    /**
     * The group's committed offsets are read, never written: no subscription (so no join, no heartbeat thread),
     * no auto-commit, and read_uncommitted, so that a transaction of the aggregator's in flight does not make
     * the broker answer "unstable offset" (which read_committed would ask it to) until it ends.
     */
    static Map<String, Object> consumerProps(String applicationId, Map<String, Object> clientProps) {
        var props = new HashMap<>(clientProps);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, applicationId);
        props.put(ConsumerConfig.GROUP_PROTOCOL_CONFIG, "classic");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted");
        props.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) BrokerWatch.EVERY.toMillis());
        props.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) BrokerWatch.EVERY.toMillis());
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, applicationId + "-raw-feed");
        props.put(ConsumerConfig.ENABLE_METRICS_PUSH_CONFIG, false);
        return props;
    }

    private void look(Duration timeout) throws Exception {
        long now = System.currentTimeMillis();
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<TopicPartition, Long> endOffsets;
        Map<TopicPartition, OffsetAndMetadata> committed;
        var startOffsets = new HashMap<TopicPartition, Long>();
        try {
            endOffsets = consumer.endOffsets(topicPartitions, left(deadline));
            committed = consumer.committed(Set.copyOf(topicPartitions), left(deadline));
            var unknown = new ArrayList<TopicPartition>();
            for (var tp : topicPartitions) {
                if (committed.get(tp) == null && endOffsets.get(tp) != emptyAt[tp.partition()]) {
                    unknown.add(tp);
                }
            }
            if (!unknown.isEmpty()) {
                startOffsets.putAll(consumer.beginningOffsets(unknown, left(deadline)));
            }
        } catch (InterruptException e) {
            throw new InterruptedException("closing");
        }
        synchronized (this) {
            for (int p = 0; p < partitions; p++) {
                var tp = topicPartitions.get(p);
                long end = endOffsets.get(tp);
                var ring = ends[p];
                if (polls == 0) {
                    Arrays.fill(ring, end);
                }
                int slot = polls % BEHIND_POLLS;
                long behindMark = ring[slot];                                   // the end BEHIND_POLLS looks ago
                long previous = ring[(slot + BEHIND_POLLS - 1) % BEHIND_POLLS];
                ring[slot] = end;
                if (end > previous) {
                    grewAt[p] = now;
                }
                var offset = committed.get(tp);
                if (offset == null && startOffsets.containsKey(tp)) {
                    emptyAt[p] = startOffsets.get(tp) == end ? end : -1;
                }
                boolean caughtUp = offset == null ? emptyAt[p] == end : offset.offset() >= behindMark;
                if (!caughtUp) {
                    caughtUpSince[p] = Long.MAX_VALUE;
                } else if (caughtUpSince[p] == Long.MAX_VALUE) {
                    caughtUpSince[p] = now;
                }
            }
            polls++;
        }
    }

    @Override
    public synchronized long silenceCountsSince(int partition) {
        long reachableSince = watch.reachableSinceMillis();
        if (reachableSince == Long.MAX_VALUE || partition >= partitions) {
            return Long.MAX_VALUE;
        }
        return Math.max(reachableSince, caughtUpSince[partition]);
    }

    @Override
    public synchronized boolean othersReceivedAfter(int partition, long wallMillis) {
        for (int p = 0; p < partitions; p++) {
            if (p != partition && grewAt[p] > wallMillis) {
                return true;
            }
        }
        return false;
    }

    private static Duration left(long deadlineNanos) {
        return Duration.ofNanos(Math.max(0, deadlineNanos - System.nanoTime()));
    }

    /** Requests this feed has sent the broker so far (its client's {@code request-total}), for tests. */
    double requestsSent() {
        for (Map.Entry<MetricName, ? extends Metric> e : consumer.metrics().entrySet()) {
            if (e.getKey().name().equals("request-total") && e.getKey().group().equals("consumer-metrics")) {
                return ((Number) e.getValue().metricValue()).doubleValue();
            }
        }
        throw new IllegalStateException("the feed's consumer has no request-total metric");
    }

    @Override
    public void close() {
        watch.close();
        consumer.close(Duration.ofSeconds(2));
    }
}
