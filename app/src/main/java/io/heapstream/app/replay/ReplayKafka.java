package io.heapstream.app.replay;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The replay's Kafka side: a consumer without a group (partitions are assigned, nothing is committed, so no live
 * group's offsets can move), reading only committed records (rollups are written in transactions).
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

    /** A metadata call that timed out: the broker is unreachable (the client retried with backoff meanwhile). */
    public ReplayFailure unreachable(TimeoutException e) {
        return new ReplayFailure("cannot reach Kafka at " + bootstrap + " within " + timeout.toSeconds() + "s: "
                + e.getMessage());
    }
}
