package io.heapstream.app.replay;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.RangeAssignor;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The replay's Kafka side: a consumer without a group for metadata and the late and rollup topics (partitions are
 * assigned, nothing is committed, so no live group's offsets can move), reading only committed records (rollups
 * are written in transactions); and for {@code replay raw} the replay's own group, producer and admin client.
 *
 * @param properties extra client settings (TLS, SASL) from {@code --kafka-config}
 * @param timeout    how long metadata calls may take, the broker retried meanwhile by the client
 */
public record ReplayKafka(String bootstrap, Map<String, String> properties, String replayId, Duration timeout) {
    public ReplayKafka {
        properties = Map.copyOf(properties);
    }

    public KafkaConsumer<byte[], byte[]> consumer() {
        var props = new HashMap<String, Object>(properties);
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "heapstream-replay-" + replayId);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500);
        props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 4 << 20);
        props.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        return new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /**
     * A consumer in the replay's own group (at most {@code maxPollRecords} per poll: with {@code --max-rate}, about
     * a second's worth, so that a rebalance, which waits for every member's next poll, is not held up), {@code heapstream-replay-<id>}: processes of one replay share the raw
     * partitions through it, as Streams instances do. It only takes part in the group's assignment: offsets are
     * set by the replay and never committed, so the group never holds offsets (and is deleted at the end).
     */
    public KafkaConsumer<byte[], byte[]> groupConsumer(int maxPollRecords) {
        var props = new HashMap<String, Object>(properties);
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, group());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, group());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, maxPollRecords);
        props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 4 << 20);
        props.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        // a rebalance waits for every member's next poll; a slow InfluxDB (retried for --give-up-after) must not
        // make the member look stuck and lose its partitions (a dead one is found by the session timeout)
        props.put(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, (int) Math.max(300_000, 2 * timeout.toMillis()));
        // a stopped process is noticed in 10 s (not the default 45 s); the range assignor splits each topic apart
        props.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 10_000);
        props.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 2_000);
        props.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, RangeAssignor.class.getName());
        return new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /** Writes the replay's totals topic; not transactional (copies are dropped by the reader, see TotalsStage). */
    public KafkaProducer<byte[], byte[]> producer() {
        var props = new HashMap<String, Object>(properties);
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, group());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) timeout.toMillis());
        return new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    }

    public Admin admin() {
        var props = new HashMap<String, Object>(properties);
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, group());
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        return Admin.create(props);
    }

    /** The replay's group, and the prefix of what it creates on the brokers. */
    public String group() {
        return "heapstream-replay-" + replayId;
    }

    /** A metadata call that timed out: the broker is unreachable (the client retried with backoff meanwhile). */
    public ReplayFailure unreachable(TimeoutException e) {
        return new ReplayFailure("cannot reach Kafka at " + bootstrap + " within " + timeout.toSeconds() + "s: "
                + e.getMessage());
    }
}
