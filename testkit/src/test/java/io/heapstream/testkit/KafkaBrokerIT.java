package io.heapstream.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.heapstream.local.KafkaBroker;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class KafkaBrokerIT {

    @Test
    void sharedBrokerDeliversWhatWasProducedToItsTopic() throws Exception {
        var bootstrap = TestServices.kafkaBootstrap();
        var topic = TestServices.createTopic(bootstrap, TestServices.unique("smoke"), 3);

        produce(bootstrap, topic, List.of("node-a", "node-b", "node-c"));

        assertThat(consumeAll(bootstrap, topic, 3)).containsExactlyInAnyOrder("node-a", "node-b", "node-c");
    }

    @Test
    void brokerReadsEveryCompressionCodecTheClientsOffer() throws Exception {
        var bootstrap = TestServices.kafkaBootstrap();
        for (var codec : List.of("lz4", "zstd", "snappy", "gzip")) {
            var topic = TestServices.createTopic(bootstrap, TestServices.unique("codec_" + codec), 1);

            produce(bootstrap, topic, List.of(codec + "-1", codec + "-2"), Map.of(ProducerConfig.COMPRESSION_TYPE_CONFIG, codec));

            assertThat(consumeAll(bootstrap, topic, 2)).as(codec).containsExactly(codec + "-1", codec + "-2");
        }
    }

    @Test
    void gracefullyStoppedBrokerRestartsOnTheSamePortWithItsData() throws Exception {
        try (var broker = KafkaBroker.launch()) {
            var topic = TestServices.createTopic(broker.bootstrap(), "kept", 1);
            produce(broker.bootstrap(), topic, List.of("before-stop"));

            broker.stop();
            assertThat(broker.isRunning()).isFalse();
            broker.start();

            produce(broker.bootstrap(), topic, List.of("after-start"));
            assertThat(consumeAll(broker.bootstrap(), topic, 2)).containsExactly("before-stop", "after-start");
        }
    }

    @Test
    void killedBrokerRecoversItsLogOnRestart() throws Exception {
        try (var broker = KafkaBroker.launch()) {
            var topic = TestServices.createTopic(broker.bootstrap(), "crash", 1);
            produce(broker.bootstrap(), topic, List.of("before-kill"));

            broker.kill();
            assertThat(broker.isRunning()).isFalse();
            broker.start();

            assertThat(consumeAll(broker.bootstrap(), topic, 1)).containsExactly("before-kill");
        }
    }

    private static void produce(String bootstrap, String topic, List<String> values) throws Exception {
        produce(bootstrap, topic, values, Map.of());
    }

    private static void produce(String bootstrap, String topic, List<String> values, Map<String, Object> extra)
            throws Exception {
        var config = new java.util.HashMap<String, Object>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all"));
        config.putAll(extra);
        try (var producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            for (var value : values) {
                producer.send(new ProducerRecord<>(topic, value, value)).get();
            }
        }
    }

    /** Reads from the beginning until {@code expected} records arrived or 30 s passed. */
    private static List<String> consumeAll(String bootstrap, String topic, int expected) {
        var values = new ArrayList<String>();
        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "smoke-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            var deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (values.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> values.add(record.value()));
            }
        }
        return values;
    }
}
