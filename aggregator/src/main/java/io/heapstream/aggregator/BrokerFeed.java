package io.heapstream.aggregator;

import io.heapstream.model.BrokerWatch;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

/**
 * The live aggregator's {@link RawFeed}, from the broker's side: every {@link BrokerWatch#EVERY} it reads the raw
 * topic's first and next offsets and the application's committed offsets. A partition's silence counts while the
 * broker answers and the aggregator's committed offset has reached where the partition ended
 * {@value #BEHIND_POLLS} looks ago (about ten seconds: a busy partition is never further behind than a commit
 * interval); a partition "received" a record when its end offset grew. Also tells {@code /readyz} whether the
 * broker answers.
 */
public final class BrokerFeed implements RawFeed, AutoCloseable {
    static final int BEHIND_POLLS = 5;

    private final String rawTopic;
    private final String applicationId;
    private final int partitions;
    private final long[][] ends;
    private final long[] caughtUpSince;
    private final long[] grewAt;
    private int polls;
    private final Admin admin;
    private final BrokerWatch watch;

    public BrokerFeed(String rawTopic, String applicationId, int partitions, Map<String, Object> adminProps) {
        this.rawTopic = rawTopic;
        this.applicationId = applicationId;
        this.partitions = partitions;
        this.ends = new long[partitions][BEHIND_POLLS];
        this.caughtUpSince = new long[partitions];
        this.grewAt = new long[partitions];
        java.util.Arrays.fill(caughtUpSince, Long.MAX_VALUE);
        java.util.Arrays.fill(grewAt, Long.MIN_VALUE);
        var props = new HashMap<>(adminProps);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) BrokerWatch.EVERY.toMillis());
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) BrokerWatch.EVERY.toMillis());
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, applicationId + "-raw-feed");
        this.admin = Admin.create(props);
        this.watch = new BrokerWatch("aggregator", this::look);
    }

    public BrokerFeed start() {
        watch.start();
        return this;
    }

    public boolean reachable() {
        return watch.reachable();
    }

    private void look(Duration timeout) throws Exception {
        long now = System.currentTimeMillis();
        var latest = new HashMap<TopicPartition, OffsetSpec>();
        var earliest = new HashMap<TopicPartition, OffsetSpec>();
        for (int p = 0; p < partitions; p++) {
            latest.put(new TopicPartition(rawTopic, p), OffsetSpec.latest());
            earliest.put(new TopicPartition(rawTopic, p), OffsetSpec.earliest());
        }
        var ms = timeout.toMillis();
        var endOffsets = admin.listOffsets(latest).all().get(ms, TimeUnit.MILLISECONDS);
        var startOffsets = admin.listOffsets(earliest).all().get(ms, TimeUnit.MILLISECONDS);
        var committed = admin.listConsumerGroupOffsets(applicationId).partitionsToOffsetAndMetadata()
                .get(ms, TimeUnit.MILLISECONDS);
        synchronized (this) {
            for (int p = 0; p < partitions; p++) {
                var tp = new TopicPartition(rawTopic, p);
                long end = endOffsets.get(tp).offset();
                var ring = ends[p];
                if (polls == 0) {
                    java.util.Arrays.fill(ring, end);
                }
                int slot = polls % BEHIND_POLLS;
                long behindMark = ring[slot];                                   // the end BEHIND_POLLS looks ago
                long previous = ring[(slot + BEHIND_POLLS - 1) % BEHIND_POLLS];
                ring[slot] = end;
                if (end > previous) {
                    grewAt[p] = now;
                }
                var offset = committed.get(tp);
                boolean caughtUp = offset == null
                        ? startOffsets.get(tp).offset() == end
                        : offset.offset() >= behindMark;
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

    @Override
    public void close() {
        watch.close();
        admin.close(Duration.ofSeconds(2));
    }
}
