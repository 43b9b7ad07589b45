package io.heapstream.api.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.heapstream.api.ApiConfig;
import io.heapstream.model.Json;
import io.heapstream.model.Topics;
import io.heapstream.model.rollup.MetricStats;
import io.heapstream.model.rollup.Rollup;
import io.heapstream.model.rollup.RollupKey;
import io.heapstream.testkit.TestServices;
import io.heapstream.writer.WriterConfig;
import io.heapstream.writer.WriterService;
import io.heapstream.writer.influx.InfluxClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The model API beyond its 15 minutes, against a real influxd that the real writer filled from a real rollup
 * topic: 40 one-minute windows of a node and of a pod's volume (a labeled metric) are written; the store holds
 * the last 15, as the API's feed would; a query from 40 minutes back answers every window once, valued as
 * written. Then InfluxDB goes away (a closed port): the held part, and a warning.
 */
class InfluxHistoryIT {
    private static final int WINDOWS = 40;
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MINUTES).plusSeconds(30);
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final List<Rollup> ROLLUPS = new ArrayList<>();
    private static ApiConfig.Influx influx;
    private static WriterService writer;

    @BeforeAll
    static void writerFillsInfluxFromTheRollupTopic() throws Exception {
        var bootstrap = TestServices.kafkaBootstrap();
        var prefix = TestServices.unique("api_history") + ".";
        TestServices.createTopic(bootstrap, prefix + "1m", 1);
        var deadLetters = TestServices.createTopic(bootstrap, TestServices.unique("api_history_dl"), 1);
        var database = TestServices.unique("api_history");
        for (int i = WINDOWS; i >= 1; i--) {
            var start = NOW.truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(i));
            ROLLUPS.add(rollup(RollupKey.node("c1", "n1"), start, new MetricStats("cpu/usage_rate", null, 4,
                    100 + i + 0.4, 100, 200, 150)));
            ROLLUPS.add(rollup(RollupKey.pod("c1", "web", "api-0", "n1", "Deployment/api"), start,
                    new MetricStats("filesystem/usage", "Volume:data", 4, 4096 * i + 0.6, 1, 1e9, 1)));
        }
        var topic = Topics.rollup(prefix + "1m");
        var props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (var producer = new KafkaProducer<>(props, topic.keySerde().serializer(), topic.valueSerde().serializer())) {
            for (var rollup : ROLLUPS) {
                producer.send(new ProducerRecord<>(topic.name(), rollup.key(), rollup));
            }
        }
        writer = new WriterService(WriterConfig.fromMap(Map.of("HEAPSTREAM_KAFKA_BOOTSTRAP", bootstrap,
                "HEAPSTREAM_GROUP_ID", TestServices.unique("api_history"), "HEAPSTREAM_ROLLUP_TOPIC_PREFIX", prefix,
                "HEAPSTREAM_DEAD_LETTER_TOPIC", deadLetters, "HEAPSTREAM_INFLUX_URL", TestServices.influxUrl(),
                "HEAPSTREAM_INFLUX_DB", database, "HEAPSTREAM_RETENTION", "1m=7d",
                "HEAPSTREAM_FLUSH_INTERVAL", "100ms")), new SimpleMeterRegistry());
        writer.start();
        influx = new ApiConfig.Influx(TestServices.influxUrl(), database, "rp_1m", null, null, Duration.ofSeconds(5));
        try (var client = InfluxClient.connect(influx.url(), null, null, database, Duration.ofSeconds(5), false)) {
            await().atMost(Duration.ofSeconds(120)).ignoreExceptions() // "database not found" until the writer made it
                    .until(() -> count(client, "node", "cpu_usage_rate_avg") == WINDOWS
                            && count(client, "pod", "filesystem_usage_avg") == WINDOWS);
        }
    }

    @AfterAll
    static void stopWriter() {
        if (writer != null) {
            writer.close();
        }
    }

    @Test
    void aRangeBeyondWhatIsHeldIsEveryWrittenWindowOnceAsTheWriterWroteIt() {
        try (var history = new InfluxHistory(influx, "c1")) {
            var api = new ModelApi(heldStore(), CLOCK, history);
            var from = NOW.minus(Duration.ofMinutes(WINDOWS + 5)).toString();

            var node = api.get("/api/v1/model/nodes/n1/metrics/cpu/usage_rate", Map.of("start", from));
            var volume = api.get("/api/v1/model/namespaces/web/pods/api-0/metrics/filesystem/usage",
                    Map.of("start", from, "labels", "resource_id:Volume:data"));
            var heldOnly = api.get("/api/v1/model/nodes/n1/metrics/cpu/usage_rate", Map.of());

            assertThat(node.warning()).isNull();
            assertThat(tree(node.body())).isEqualTo(expected("cpu/usage_rate"));
            assertThat(tree(volume.body())).isEqualTo(expected("filesystem/usage"));
            assertThat(tree(heldOnly.body()).get("metrics").size()).isBetween(15, 16);
        }
    }

    @Test
    void unreachableInfluxLeavesTheHeldPartAndSaysSo() throws Exception {
        int closed;
        try (var socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        var gone = new ApiConfig.Influx("http://127.0.0.1:" + closed, "heapstream", "rp_1m", null, null,
                Duration.ofSeconds(2));
        try (var history = new InfluxHistory(gone, "c1")) {
            var api = new ModelApi(heldStore(), CLOCK, history);

            var answer = api.get("/api/v1/model/nodes/n1/metrics/cpu/usage_rate",
                    Map.of("start", NOW.minus(Duration.ofHours(1)).toString()));

            assertThat(answer.status()).isEqualTo(200);
            assertThat(tree(answer.body()).get("metrics").size()).isBetween(15, 16);
            assertThat(answer.warning()).startsWith("InfluxDB http://127.0.0.1:" + closed + " database heapstream"
                    + " could not be read: ").endsWith("; answering with the last 15m from the rollup topic only");
        }
    }

    /** What the API's feed would hold: every rollup applied, the store keeping its 15 minutes. */
    private static ModelStore heldStore() {
        var store = new ModelStore("c1", Duration.ofMinutes(15), CLOCK);
        ROLLUPS.forEach(r -> store.apply(r.key(), r));
        return store;
    }

    /** Heapster's JSON of every written window of a metric, worked out from the rollups themselves. */
    private static JsonNode expected(String metric) {
        var points = Json.mapper().createArrayNode();
        String latest = null;
        for (var rollup : ROLLUPS) {
            for (var stats : rollup.metrics()) {
                if (stats.name().equals(metric)) {
                    latest = rollup.windowStart().toString();
                    points.addObject().put("timestamp", latest).put("value", Math.round(stats.avg()));
                }
            }
        }
        var result = Json.mapper().createObjectNode();
        result.set("metrics", points);
        result.put("latestTimestamp", latest);
        return result;
    }

    private static Rollup rollup(RollupKey key, Instant start, MetricStats stats) {
        return new Rollup(1, key, Duration.ofMinutes(1), start, start.plusSeconds(60), List.of(stats), Map.of(), null);
    }

    private static long count(InfluxClient client, String measurement, String field) {
        var series = client.query("SELECT count(\"" + field + "\") FROM \"rp_1m\".\"" + measurement + "\"")
                .getResults().get(0).getSeries();
        return series == null ? 0 : ((Number) series.get(0).getValues().get(0).get(1)).longValue();
    }

    private static JsonNode tree(Object body) {
        return Json.mapper().valueToTree(body);
    }
}
