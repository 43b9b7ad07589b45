package io.heapstream.writer.delivery;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Sends records the writer cannot deliver to the dead-letter topic: the original key and value bytes, with
 * headers saying why and where from. A send counts only once the broker acknowledged it, so a record is
 * committed only after it is either in InfluxDB or in the dead-letter topic.
 */
public final class DeadLetters implements AutoCloseable {
    public static final String REASON = "heapstream.dlq.reason";
    public static final String STAGE = "heapstream.dlq.stage";
    public static final String SOURCE_TOPIC = "heapstream.dlq.source.topic";
    public static final String SOURCE_PARTITION = "heapstream.dlq.source.partition";
    public static final String SOURCE_OFFSET = "heapstream.dlq.source.offset";
    private static final int MAX_REASON_CHARS = 1000;

    private final Producer<byte[], byte[]> producer;
    private final String topic;
    private final Duration timeout;

    /** A record to dead-letter and why. */
    public record DeadLetter(PendingRecord record, String reason) { }

    public DeadLetters(Producer<byte[], byte[]> producer, String topic, Duration timeout) {
        this.producer = producer;
        this.topic = topic;
        this.timeout = timeout;
    }

    /** A producer for dead letters: idempotent, every replica acknowledges. */
    public static Producer<byte[], byte[]> producer(String bootstrap, Map<String, String> extra, String clientId) {
        var props = new java.util.Properties();
        props.putAll(extra);
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        return new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /**
     * Sends them all and waits for the broker.
     *
     * @throws DeadLetterException when any send failed or timed out; the caller retries the batch
     */
    public void publish(List<DeadLetter> letters) throws DeadLetterException {
        var sends = new ArrayList<Future<RecordMetadata>>(letters.size());
        for (DeadLetter letter : letters) {
            PendingRecord record = letter.record();
            var headers = new RecordHeaders()
                    .add(REASON, utf8(truncate(letter.reason())))
                    .add(STAGE, utf8("writer"))
                    .add(SOURCE_TOPIC, utf8(record.partition().topic()))
                    .add(SOURCE_PARTITION, utf8(Integer.toString(record.partition().partition())))
                    .add(SOURCE_OFFSET, utf8(Long.toString(record.offset())));
            sends.add(producer.send(new ProducerRecord<>(topic, null, record.key(), record.value(), headers)));
        }
        try {
            for (Future<RecordMetadata> send : sends) {
                send.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new DeadLetterException("dead-letter topic " + topic + " did not take " + letters.size()
                    + " record(s): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeadLetterException("interrupted while dead-lettering to " + topic, e);
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }

    private static String truncate(String reason) {
        String text = reason == null ? "unknown" : reason;
        return text.length() <= MAX_REASON_CHARS ? text : text.substring(0, MAX_REASON_CHARS) + "...";
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** The dead-letter topic did not acknowledge. */
    public static final class DeadLetterException extends Exception {
        public DeadLetterException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
