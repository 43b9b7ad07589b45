package io.heapstream.writer;

import io.heapstream.model.Topics;
import io.heapstream.model.rollup.Rollup;
import io.heapstream.testkit.TestServices;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.influxdb.InfluxDB;
import org.influxdb.InfluxDBFactory;
import org.influxdb.dto.Query;
import org.influxdb.dto.QueryResult;

/**
 * One integration test's world on the shared (or a dedicated) broker and InfluxDB: its own topics, group and
 * database, so tests never see each other's data.
 */
final class ItEnvironment implements AutoCloseable {
    final String bootstrap;
    final String influxUrl;
    final String prefix = TestServices.unique("wr") + ".";
    final String minuteTopic = prefix + "1m";
    final String hourTopic = prefix + "1h";
    final String deadLetterTopic = TestServices.unique("wr_dlq");
    final String group = TestServices.unique("wr_group");
    final String database;
    private final InfluxDB influx;
    private final KafkaProducer<byte[], byte[]> producer;
    private final List<WriterService> writers = new ArrayList<>();

    ItEnvironment(String bootstrap, String influxUrl, int partitions) {
        this.bootstrap = bootstrap;
        this.influxUrl = influxUrl;
        this.database = TestServices.unique("wr_db");
        TestServices.createTopic(bootstrap, minuteTopic, partitions);
        TestServices.createTopic(bootstrap, hourTopic, partitions);
        TestServices.createTopic(bootstrap, deadLetterTopic, 1);
        this.influx = InfluxDBFactory.connect(influxUrl);
        var props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        this.producer = new KafkaProducer<>(props, new org.apache.kafka.common.serialization.ByteArraySerializer(),
                new org.apache.kafka.common.serialization.ByteArraySerializer());
    }

    static ItEnvironment shared(int partitions) {
        return new ItEnvironment(TestServices.kafkaBootstrap(), TestServices.influxUrl(), partitions);
    }

    /** Writer settings for this world; {@code extra} wins. */
    Map<String, String> settings(String schema, Map<String, String> extra) {
        var settings = new HashMap<String, String>();
        settings.put("HEAPSTREAM_KAFKA_BOOTSTRAP", bootstrap);
        settings.put("HEAPSTREAM_GROUP_ID", group);
        settings.put("HEAPSTREAM_ROLLUP_TOPIC_PREFIX", prefix);
        settings.put("HEAPSTREAM_DEAD_LETTER_TOPIC", deadLetterTopic);
        settings.put("HEAPSTREAM_SCHEMA", schema);
        settings.put("HEAPSTREAM_INFLUX_URL", influxUrl);
        settings.put("HEAPSTREAM_INFLUX_DB", database);
        settings.put("HEAPSTREAM_FLUSH_INTERVAL", "100ms");
        settings.put("HEAPSTREAM_RETRY_BACKOFF", "50ms");
        settings.put("HEAPSTREAM_RETRY_BACKOFF_MAX", "400ms");
        settings.put("HEAPSTREAM_INFLUX_TIMEOUT", "2s");
        // The writer's fetches park at the broker for 5 s (WriterService.FETCH_MAX_WAIT, an idle writer's cost):
        // a stop waits for the parked fetch before the consumer closes, and a fetch parked for partitions already
        // positioned holds back those still being positioned after an assignment. 100 ms in these tests.
        settings.put("kafka." + ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "100");
        settings.putAll(extra);
        return settings;
    }

    WriterConfig config(String schema, Map<String, String> extra) {
        return WriterConfig.fromMap(settings(schema, extra));
    }

    /** A started writer, stopped when this world closes. */
    WriterService start(WriterConfig config) {
        var writer = new WriterService(config, new SimpleMeterRegistry());
        writers.add(writer);
        writer.start();
        return writer;
    }

    /** Sends rollups to the topic of their resolution, keyed as the aggregator keys them, and waits. */
    void produce(List<Rollup> rollups) {
        for (Rollup rollup : rollups) {
            String topic = prefix + Topics.suffix(rollup.resolution());
            send(topic, Topics.ROLLUP_KEY.serializer().serialize(topic, rollup.key()),
                    Topics.ROLLUP.serializer().serialize(topic, rollup));
        }
        producer.flush();
    }

    void send(String topic, byte[] key, byte[] value) {
        producer.send(new ProducerRecord<>(topic, key, value));
    }

    void flush() {
        producer.flush();
    }

    /** Rows of an InfluxQL query in this world's database, each a column-to-value map without null columns. */
    List<Map<String, Object>> rows(String influxQl) {
        QueryResult result = influx.query(new Query(influxQl, database));
        var rows = new ArrayList<Map<String, Object>>();
        for (QueryResult.Result each : result.getResults()) {
            if (each.getError() != null) {
                throw new IllegalStateException(influxQl + ": " + each.getError());
            }
            if (each.getSeries() == null) {
                continue;
            }
            for (QueryResult.Series series : each.getSeries()) {
                for (List<Object> values : series.getValues()) {
                    var row = new LinkedHashMap<String, Object>();
                    if (series.getTags() != null) {
                        row.putAll(series.getTags());
                    }
                    for (int i = 0; i < series.getColumns().size(); i++) {
                        if (values.get(i) != null) {
                            row.put(series.getColumns().get(i), values.get(i));
                        }
                    }
                    rows.add(row);
                }
            }
        }
        return rows;
    }

    /** Points of a measurement in a retention policy (0 when the database or measurement does not exist yet). */
    long count(String policy, String measurement, String field) {
        try {
            var rows = rows("SELECT count(\"" + field + "\") FROM \"" + policy + "\".\"" + measurement + "\"");
            return rows.isEmpty() ? 0 : ((Number) rows.get(0).get("count")).longValue();
        } catch (RuntimeException notYet) {
            return 0;
        }
    }

    /** Offsets the group committed, per partition of both rollup topics. */
    Map<TopicPartition, Long> committed() throws Exception {
        try (var admin = admin()) {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
            var result = new HashMap<TopicPartition, Long>();
            offsets.forEach((partition, offset) -> result.put(partition, offset == null ? 0 : offset.offset()));
            return result;
        }
    }

    /** End offsets of the non-empty partitions of both rollup topics. */
    Map<TopicPartition, Long> endOffsets(int partitions) throws Exception {
        try (var admin = admin()) {
            var request = new HashMap<TopicPartition, OffsetSpec>();
            for (String topic : List.of(minuteTopic, hourTopic)) {
                for (int p = 0; p < partitions; p++) {
                    request.put(new TopicPartition(topic, p), OffsetSpec.latest());
                }
            }
            var result = new HashMap<TopicPartition, Long>();
            admin.listOffsets(request).all().get(30, TimeUnit.SECONDS).forEach((partition, info) -> {
                if (info.offset() > 0) {
                    result.put(partition, info.offset());
                }
            });
            return result;
        }
    }

    private Admin admin() {
        return Admin.create(Map.<String, Object>of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) Duration.ofSeconds(30).toMillis()));
    }

    /** Stops this world's writers (idempotent for those already stopped) and closes its clients. */
    @Override
    public void close() {
        writers.forEach(WriterService::stop);
        producer.close(Duration.ofSeconds(5));
        influx.close();
    }
}
