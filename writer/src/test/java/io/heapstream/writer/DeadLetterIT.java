package io.heapstream.writer;

import static io.heapstream.writer.ItRollups.MINUTE;
import static io.heapstream.writer.ItRollups.START;
import static io.heapstream.writer.ItRollups.rollup;
import static io.heapstream.writer.ItRollups.stats;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.heapstream.model.rollup.RollupKey;
import io.heapstream.writer.delivery.DeadLetters;
import io.heapstream.writer.influx.InfluxClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DeadLetterIT {
    private final ItEnvironment world = ItEnvironment.shared(1);
    private WriterService writer;

    @AfterEach
    void tearDown() {
        world.close();
    }

    @Test
    void pointsInfluxRejectsAndUnreadableRecordsGoToTheDeadLetterTopicAndTheRestGoesThrough() throws Exception {
        var config = world.config("native", Map.of());
        // A float where the writer writes an integer: InfluxDB answers "field type conflict" for that shard.
        try (var influx = InfluxClient.connect(config)) {
            new InfluxSetup(influx, config.influxSchema(), true).ensure();
            influx.write("rp_1m", List.of("cluster,cluster=other cpu_usage_rate_count=1.5 " + START.toEpochMilli()));
        }
        world.produce(List.of(rollup(RollupKey.node("prod", "node-1"), MINUTE, START,
                List.of(stats("cpu/usage_rate", 10)))));
        world.produce(List.of(rollup(RollupKey.cluster("prod"), MINUTE, START, List.of(stats("cpu/usage_rate", 20)))));
        world.send(world.minuteTopic, "k".getBytes(StandardCharsets.UTF_8),
                "{\"not\": a rollup".getBytes(StandardCharsets.UTF_8));
        world.produce(List.of(rollup(RollupKey.namespace("prod", "shop"), MINUTE, START,
                List.of(stats("cpu/usage_rate", 30)))));

        writer = world.start(config);

        var letters = deadLetters(2);
        assertThat(letters).extracting(record -> header(record, DeadLetters.SOURCE_OFFSET)).containsExactly("1", "2");
        assertThat(header(letters.get(0), DeadLetters.REASON)).contains("field type conflict");
        assertThat(header(letters.get(1), DeadLetters.REASON)).startsWith("unreadable rollup");
        assertThat(letters).allSatisfy(record -> {
            assertThat(header(record, DeadLetters.SOURCE_TOPIC)).isEqualTo(world.minuteTopic);
            assertThat(header(record, DeadLetters.SOURCE_PARTITION)).isEqualTo("0");
            assertThat(header(record, DeadLetters.STAGE)).isEqualTo("writer");
        });
        assertThat(new String(letters.get(1).value(), StandardCharsets.UTF_8)).isEqualTo("{\"not\": a rollup");
        await().atMost(Duration.ofSeconds(30)).until(() -> world.committed().getOrDefault(
                new TopicPartition(world.minuteTopic, 0), 0L) == 4L);
        assertThat(world.count("rp_1m", "node", "cpu_usage_rate_avg")).isEqualTo(1);
        assertThat(world.count("rp_1m", "namespace", "cpu_usage_rate_avg")).isEqualTo(1);
        assertThat(world.rows("SELECT * FROM \"rp_1m\".\"cluster\" WHERE cluster = 'prod'")).isEmpty();
        assertThat(writer.metrics().deadLettersRejected().count()).isEqualTo(1);
        assertThat(writer.metrics().deadLettersUnreadable().count()).isEqualTo(1);
    }

    private List<ConsumerRecord<byte[], byte[]>> deadLetters(int expected) {
        var props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, world.bootstrap);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.GROUP_ID_CONFIG, world.group + "_dlq_reader");
        var records = new ArrayList<ConsumerRecord<byte[], byte[]>>();
        try (var consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(world.deadLetterTopic));
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                return records.size() >= expected;
            });
        }
        return records;
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
