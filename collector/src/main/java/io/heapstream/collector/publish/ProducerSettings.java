package io.heapstream.collector.publish;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** The collector's producer settings, in one method. */
public final class ProducerSettings {
    /** The producer gives up on a record after this long; the publisher then retries it from its own buffer. */
    public static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(30);
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    /**
     * How long {@code send()} may wait for metadata or buffer space. Small: with the broker away the sender
     * thread should come back to its own bounded buffer quickly, never block for ever.
     */
    static final Duration MAX_BLOCK = Duration.ofSeconds(2);
    /** Largest uncompressed record; a 110-pod scrape is well under 1 MiB. */
    static final int MAX_REQUEST_BYTES = 16 << 20;

    private ProducerSettings() { }

    /**
     * Idempotent, {@code acks=all}, compressed, one record in flight at a time (the publisher sends the next
     * only after an acknowledgement). {@code extra} (from {@code --kafka-config}) may override anything but the
     * serializers.
     */
    public static Map<String, Object> of(String bootstrap, String clientId, String compression,
                                         Map<String, String> extra) {
        var props = new LinkedHashMap<String, Object>();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, compression);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) MAX_BLOCK.toMillis());
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) REQUEST_TIMEOUT.toMillis());
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) DELIVERY_TIMEOUT.toMillis());
        props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, MAX_REQUEST_BYTES);
        props.put(ProducerConfig.BUFFER_MEMORY_CONFIG, (long) MAX_REQUEST_BYTES * 2);
        props.put(ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 5_000);
        // No JMX reporter: the collector exports its own meters, and the MBeans cost memory on every node.
        props.put(ProducerConfig.METRIC_REPORTER_CLASSES_CONFIG, "");
        // Nor client telemetry (KIP-714): its subscription requests and pushes are periodic work on every node
        // for metrics nobody reads there.
        props.put(ProducerConfig.ENABLE_METRICS_PUSH_CONFIG, false);
        props.putAll(extra);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return props;
    }
}
