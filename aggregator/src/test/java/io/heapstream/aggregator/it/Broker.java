package io.heapstream.aggregator.it;

import io.heapstream.model.Topics;
import io.heapstream.model.raw.RawScrape;
import io.heapstream.model.rollup.Rollup;
import static org.awaitility.Awaitility.await;

import io.heapstream.testkit.TestServices;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** The shared test broker, with one test's own topics; produce raw input, read outputs read_committed. */
final class Broker {
    final String bootstrap = TestServices.kafkaBootstrap();
    final String prefix = TestServices.unique("agg");
    final String raw = prefix + ".raw";
    final String rollupPrefix = prefix + ".rollup.";
    final String late = prefix + ".late";
    final String deadLetter = prefix + ".dlq";

    Broker(int rawPartitions, List<Duration> resolutions) {
        createTopic(raw, rawPartitions);
        for (var r : resolutions) {
            createTopic(rollupPrefix + Topics.suffix(r), 2);
        }
        createTopic(late, 1);
        createTopic(deadLetter, 1);
    }

    /**
     * With retention by time off: the tests' scrapes are dated 2026-01-01, and the broker's retention check
     * (every 5 min) would otherwise delete them, by their timestamps, in the middle of a test.
     */
    private void createTopic(String name, int partitions) {
        try (var admin = Admin.create(Map.<String, Object>of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1)
                    .configs(Map.of(TopicConfig.RETENTION_MS_CONFIG, "-1")))).all().get(60, TimeUnit.SECONDS);
            await().atMost(Duration.ofSeconds(60)).until(() -> admin.describeTopics(List.of(name)).allTopicNames()
                    .get(10, TimeUnit.SECONDS).get(name).partitions().stream().allMatch(p -> p.leader() != null));
        } catch (Exception e) {
            throw new IllegalStateException("cannot create topic " + name, e);
        }
    }

    /** Settings for the aggregator, keyed as its environment. */
    Map<String, String> env(String window, String grace, String coarser, String idle) {
        return Map.ofEntries(Map.entry("HEAPSTREAM_KAFKA_BOOTSTRAP", bootstrap),
                Map.entry("HEAPSTREAM_APPLICATION_ID", prefix + "-app"),
                Map.entry("HEAPSTREAM_RAW_TOPIC", raw), Map.entry("HEAPSTREAM_ROLLUP_TOPIC_PREFIX", rollupPrefix),
                Map.entry("HEAPSTREAM_LATE_TOPIC", late), Map.entry("HEAPSTREAM_DEAD_LETTER_TOPIC", deadLetter),
                Map.entry("HEAPSTREAM_WINDOW", window), Map.entry("HEAPSTREAM_GRACE", grace),
                Map.entry("HEAPSTREAM_RESOLUTIONS", coarser), Map.entry("HEAPSTREAM_IDLE_TIMEOUT", idle),
                Map.entry("HEAPSTREAM_STATE_DIR", "target/state-" + prefix + "-" + UUID.randomUUID()),
                Map.entry("HEAPSTREAM_COMMIT_INTERVAL", "200ms"),
                Map.entry("HEAPSTREAM_CACHE_MAX_BYTES", "1Mi"));
    }

    void produce(List<RawScrape> scrapes) {
        try (var producer = new KafkaProducer<>(Map.<String, Object>of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), Topics.RAW_SCRAPE.serializer())) {
            for (var s : scrapes) {
                producer.send(new ProducerRecord<>(raw, s.key(), s));
            }
            producer.flush();
        }
    }

    void produceBytes(String key, byte[] value) {
        try (var producer = new KafkaProducer<>(Map.<String, Object>of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap), new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(raw, key, value));
            producer.flush();
        }
    }

    KafkaConsumer<byte[], byte[]> consumer(String topic) {
        var consumer = new KafkaConsumer<>(Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, prefix + "-reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(List.of(topic));
        return consumer;
    }

    static List<ConsumerRecord<byte[], byte[]>> poll(KafkaConsumer<byte[], byte[]> consumer) {
        var out = new ArrayList<ConsumerRecord<byte[], byte[]>>();
        consumer.poll(Duration.ofMillis(500)).forEach(out::add);
        return out;
    }

    static Rollup rollup(ConsumerRecord<byte[], byte[]> record) {
        return Topics.ROLLUP.deserializer().deserialize("", record.value());
    }
}
