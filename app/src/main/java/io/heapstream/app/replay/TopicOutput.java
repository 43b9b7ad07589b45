package io.heapstream.app.replay;

import io.heapstream.model.Topics;
import io.heapstream.model.rollup.Rollup;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * {@code --to-topics PREFIX}: the replay's rollups on topics of their own ({@code PREFIX1m}, {@code PREFIX1h}),
 * keyed and stamped as the aggregator writes its rollup topics, so any consumer (a writer with
 * {@code --rollup-topic-prefix PREFIX}) can take them. Never the live rollup topics: a replay must not disturb the
 * live pipeline. The topics must exist (docs/topics.md): a broker that does not create topics on first use is the
 * norm.
 */
public final class TopicOutput implements RollupSink {
    private final KafkaProducer<byte[], byte[]> producer;
    private final String prefix;
    private final AtomicLong written = new AtomicLong();
    private final AtomicReference<Exception> failure = new AtomicReference<>();

    private TopicOutput(KafkaProducer<byte[], byte[]> producer, String prefix) {
        this.producer = producer;
        this.prefix = prefix;
    }

    /**
     * @param liveRollupPrefix the live rollup topics' prefix, which {@code prefix} must not be
     * @throws ReplayInputException when the prefix is the live one or a topic is missing
     */
    public static TopicOutput open(ReplayKafka kafka, String prefix, String liveRollupPrefix,
                                   List<java.time.Duration> resolutions) {
        if (prefix.equals(liveRollupPrefix)) {
            throw new ReplayInputException("--to-topics " + prefix + " is the live rollup topics' prefix: a replay"
                    + " never writes the live topics; name topics of its own");
        }
        var names = resolutions.stream().map(r -> prefix + Topics.suffix(r)).toList();
        var props = new HashMap<String, Object>(kafka.properties());
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrap());
        try (var admin = Admin.create(props)) {
            admin.describeTopics(names).allTopicNames().get(kafka.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                throw new ReplayInputException("--to-topics: create the topics " + names + " first (docs/topics.md)");
            }
            throw new ReplayFailure("cannot describe the topics " + names + ": " + e.getCause());
        } catch (TimeoutException e) {
            throw new ReplayFailure("cannot reach Kafka at " + kafka.bootstrap() + " within "
                    + kafka.timeout().toSeconds() + "s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ReplayFailure("interrupted");
        }
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "heapstream-replay-" + kafka.replayId());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        // at least linger + request timeout (Kafka's rule); a broker away longer fails the replay at flush
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) Math.max(kafka.timeout().toMillis(), 120_000));
        return new TopicOutput(new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer()),
                prefix);
    }

    @Override
    public void accept(Rollup rollup) {
        var topic = prefix + Topics.suffix(rollup.resolution());
        producer.send(new ProducerRecord<>(topic, null, rollup.windowStart().toEpochMilli(),
                Topics.ROLLUP_KEY.serializer().serialize(topic, rollup.key()),
                Topics.ROLLUP.serializer().serialize(topic, rollup)), (metadata, e) -> {
                    if (e == null) {
                        written.incrementAndGet();
                    } else {
                        failure.compareAndSet(null, e);
                    }
                });
    }

    @Override
    public void flush() {
        producer.flush();
        var e = failure.get();
        if (e != null) {
            throw new ReplayFailure("cannot write to the --to-topics topics: " + e.getMessage());
        }
    }

    @Override
    public long written() {
        return written.get();
    }

    @Override
    public void close() {
        producer.close();
    }

    /** Both sinks, InfluxDB and topics: every rollup to each. */
    public static RollupSink both(RollupSink first, RollupSink second) {
        return new RollupSink() {
            @Override
            public void accept(Rollup rollup) throws InterruptedException {
                first.accept(rollup);
                second.accept(rollup);
            }

            @Override
            public void flush() throws InterruptedException {
                first.flush();
                second.flush();
            }

            @Override
            public long written() {
                return first.written();
            }

            @Override
            public long rejected() {
                return first.rejected();
            }

            @Override
            public void close() {
                try {
                    second.close();
                } finally {
                    first.close();
                }
            }
        };
    }
}
