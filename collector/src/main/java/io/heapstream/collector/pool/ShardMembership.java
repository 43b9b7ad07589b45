package io.heapstream.collector.pool;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.CloseOptions.GroupMembershipOperation;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.utils.Utils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which shards this replica scrapes: the partitions of an empty topic, shared by the replicas as one Kafka
 * consumer group. Kafka, not Leases or a hash ring of our own, because the replicas already talk to the broker
 * (no RBAC beyond listing nodes), the broker already detects a member that stops heart-beating, and the
 * cooperative-sticky assignor moves only the shards that must move when a replica comes or goes, revoking a
 * shard before it is handed on. Nothing is ever read: assigned partitions are paused at once.
 */
public final class ShardMembership implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ShardMembership.class);
    private static final Duration POLL = Duration.ofMillis(500);

    private final Map<String, Object> clientSettings;
    private final Map<String, Object> consumerSettings;
    private final String topic;
    private final int shardsIfCreated;
    private final Thread thread;
    private volatile KafkaConsumer<byte[], byte[]> consumer;
    private volatile Set<Integer> owned = Set.of();
    private volatile int shardCount;
    private volatile boolean assigned;
    private volatile boolean running = true;
    private volatile boolean leave = true;

    /**
     * @param clientSettings bootstrap and security settings (from {@code --kafka-config}); group and session
     *                       settings are set here, the given ones win
     */
    public ShardMembership(Map<String, ?> clientSettings, String topic, int shardsIfCreated, String groupId,
                           Duration interval, String replica) {
        this.clientSettings = Map.copyOf(clientSettings);
        this.topic = topic;
        this.shardsIfCreated = shardsIfCreated;
        var settings = new HashMap<String, Object>();
        Duration session = PoolConfig.sessionTimeout(interval);
        settings.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        settings.put(ConsumerConfig.CLIENT_ID_CONFIG, "heapstream-shards-" + replica);
        settings.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName());
        settings.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, (int) session.toMillis());
        settings.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, (int) session.toMillis() / 3);
        settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        settings.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        settings.putAll(clientSettings);
        this.consumerSettings = settings;
        this.thread = new Thread(this::run, "shard-membership");
        this.thread.setDaemon(true);
    }

    /** The shard a node belongs to, out of {@code shards}: Kafka's own partitioner hash of the node name. */
    public static int shardOf(String node, int shards) {
        return Utils.toPositive(Utils.murmur2(node.getBytes(StandardCharsets.UTF_8))) % shards;
    }

    /** Creates the topic if missing, joins the group; returns before the first assignment. */
    public void start() {
        ensureTopic();
        consumer = new KafkaConsumer<>(consumerSettings, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        shardCount = consumer.partitionsFor(topic).size();
        LOG.info("shard membership topic={} shards={} group={} session={}ms", topic, shardCount,
                consumerSettings.get(ConsumerConfig.GROUP_ID_CONFIG),
                consumerSettings.get(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG));
        thread.start();
    }

    /** Whether this node is in one of the shards this replica holds now. */
    public boolean owns(String node) {
        int shards = shardCount;
        return shards > 0 && owned.contains(shardOf(node, shards));
    }

    public Set<Integer> owned() {
        return owned;
    }

    /** Whether the group has answered once (an empty assignment counts: more replicas than shards). */
    public boolean assigned() {
        return assigned;
    }

    public boolean alive() {
        return thread.isAlive();
    }

    private void run() {
        try {
            consumer.subscribe(List.of(topic), new Listener());
            while (running) {
                consumer.poll(POLL);   // no records: everything assigned is paused; this keeps the membership
                // a topic created a moment ago may not be in the metadata yet at start (no shards: no nodes)
                if (shardCount == 0) {
                    shardCount = consumer.partitionsFor(topic).size();
                }
            }
        } catch (WakeupException e) {
            // close() asked
        } catch (RuntimeException e) {
            LOG.error("shard membership failed: this replica scrapes nothing until restarted detail={}", e.toString(), e);
        } finally {
            owned = Set.of();
            // close() leaves the group, so the others get this replica's shards in the next rebalance
            consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)).withGroupMembershipOperation(
                    leave ? GroupMembershipOperation.LEAVE_GROUP : GroupMembershipOperation.REMAIN_IN_GROUP));
        }
    }

    private final class Listener implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            consumer.pause(partitions);
            change(partitions, true);
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            change(partitions, false);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            change(partitions, false);
        }

        private void change(Collection<TopicPartition> partitions, boolean add) {
            var next = new TreeSet<>(owned);
            partitions.forEach(p -> {
                if (add) {
                    next.add(p.partition());
                } else {
                    next.remove(p.partition());
                }
            });
            owned = Set.copyOf(next);
            assigned = true;
            if (!partitions.isEmpty()) {
                LOG.info("shards {} {} now={}", add ? "assigned" : "revoked", partitions.stream()
                        .map(TopicPartition::partition).sorted().toList(), next);
            }
        }
    }

    private void ensureTopic() {
        try (var client = Admin.create(clientSettings)) {
            // compacted and empty: the partitions are only names for the shards
            var newTopic = new NewTopic(topic, Optional.of(shardsIfCreated), Optional.empty())
                    .configs(Map.of("cleanup.policy", "compact"));
            client.createTopics(List.of(newTopic)).all().get(30, TimeUnit.SECONDS);
            LOG.info("shard topic created topic={} shards={}", topic, shardsIfCreated);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("cannot create the shard topic " + topic + " (--shard-topic): "
                        + e.getCause().getMessage(), e);
            }
        } catch (TimeoutException e) {
            throw new IllegalStateException("cannot create the shard topic " + topic + " (--shard-topic): no answer"
                    + " from the broker in 30 s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted creating the shard topic " + topic, e);
        }
    }

    /**
     * Stops without a word to the group, as a replica that dies does: its shards stay with it until its session
     * expires. For tests of that case.
     */
    void abandon() {
        leave = false;
        close();
    }

    /** Leaves the group at once: the other replicas take this one's shards in the next rebalance. */
    @Override
    public void close() {
        running = false;
        if (consumer != null) {
            consumer.wakeup();
            try {
                thread.join(Duration.ofSeconds(10).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
