package io.heapstream.alerter.it;

import io.heapstream.alerter.AlerterConfig;
import io.heapstream.model.Topics;
import io.heapstream.model.alert.AlertEvent;
import io.heapstream.model.rollup.MetricStats;
import io.heapstream.model.rollup.Rollup;
import io.heapstream.model.rollup.RollupKey;
import io.heapstream.testkit.TestServices;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.StreamsConfig;

/** Topics of one test on the shared broker, a rollup producer and a read_committed reader of the alerts topic. */
final class AlerterFixture implements AutoCloseable {
    static final String RULES = """
            rules:
              - alert: PodMemoryNearLimit
                level: pod
                condition: memory/working_set.max / memory/limit.last > 0.9
                for: 2m
                severity: warning
                labels: {team: web}
                annotations:
                  summary: "{{namespace}}/{{pod}} uses {{value_percent}} of its memory limit"
            """;
    static final RollupKey POD = RollupKey.pod("c1", "shop", "web-1", "n1", "Deployment/web");

    final String bootstrap = TestServices.kafkaBootstrap();
    final String prefix = TestServices.unique("alerter");
    final String rollupTopic = TestServices.createTopic(bootstrap, prefix + "-rollup-1m", 1);
    final String alertsTopic = TestServices.createTopic(bootstrap, prefix + "-alerts", 1);
    final String deadLetterTopic = TestServices.createTopic(bootstrap, prefix + "-dead-letter", 1);
    /** Window 0 starts here: whole minutes in the past, so that resolutions end before Alertmanager's now. */
    final Instant base = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(30));
    final Path dir;
    private final KafkaProducer<RollupKey, Rollup> producer;
    private final AlertsReader alerts;

    AlerterFixture() throws IOException {
        dir = Files.createTempDirectory("heapstream-alerter-it-");
        Files.writeString(dir.resolve("rules.yaml"), RULES);
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                Topics.ROLLUP_KEY.serializer(), Topics.ROLLUP.serializer());
        alerts = new AlertsReader(bootstrap, alertsTopic, prefix + "-reader");
    }

    AlerterConfig config(List<URI> alertmanagers, List<URI> webhooks) {
        return config(bootstrap, prefix, dir, alertmanagers, webhooks);
    }

    /** Writing alert events to InfluxDB too. */
    AlerterConfig config(io.heapstream.alerter.delivery.InfluxTarget influx) {
        var c = config(List.of(), List.of());
        return new AlerterConfig(c.kafkaBootstrap(), c.kafkaProperties(), c.applicationId(), c.rollupTopic(),
                c.alertsTopic(), c.deadLetterTopic(), c.rulesFile(), c.stateDir(), c.staleAfter(), c.checkInterval(),
                c.commitInterval(), c.alertmanagers(), c.webhooks(), c.resendInterval(), c.rulesCheckInterval(), influx);
    }

    /**
     * From the start of the rollup topic; a member that is gone without leaving (killed, or Streams' close, which
     * does not leave the group) is dropped after 6 s, not 45 s, so that a restart gets the partition in seconds.
     */
    static AlerterConfig config(String bootstrap, String prefix, Path dir, List<URI> alertmanagers, List<URI> webhooks) {
        var kafka = new HashMap<>(TestServices.quickSessionExpiry(StreamsConfig.CONSUMER_PREFIX));
        kafka.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        return new AlerterConfig(bootstrap, kafka, prefix + "-app",
                prefix + "-rollup-1m", prefix + "-alerts", prefix + "-dead-letter", dir.resolve("rules.yaml"),
                dir.resolve("state").toString(),
                Duration.ofMinutes(5), Duration.ofSeconds(1), Duration.ofMillis(200), alertmanagers, webhooks,
                Duration.ofSeconds(2), Duration.ofSeconds(1), null);
    }

    /** The pod's window {@code n} with that working set of a 1000-byte limit. */
    void memory(int n, double workingSet) {
        var start = base.plus(Duration.ofMinutes(n));
        var rollup = new Rollup(Rollup.SCHEMA_VERSION, POD, Duration.ofMinutes(1), start, start.plus(Duration.ofMinutes(1)),
                List.of(gauge("memory/working_set", workingSet), gauge("memory/limit", 1000)), Map.of(), null);
        producer.send(new ProducerRecord<>(rollupTopic, POD, rollup));
        producer.flush();
    }

    /** Bytes on the rollup topic that are no rollup, under the pod's key. */
    void garbage(String text) {
        try (var raw = new KafkaProducer<byte[], byte[]>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                new org.apache.kafka.common.serialization.ByteArraySerializer(),
                new org.apache.kafka.common.serialization.ByteArraySerializer())) {
            raw.send(new ProducerRecord<>(rollupTopic, Topics.ROLLUP_KEY.serializer().serialize(rollupTopic, POD),
                    text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        }
    }

    private static MetricStats gauge(String name, double value) {
        return new MetricStats(name, null, 4, value, value, value, value);
    }

    /** A read_committed consumer of any topic of the test, from its start. */
    KafkaConsumer<byte[], byte[]> bytes(String topic) {
        return AlertsReader.bytes(bootstrap, topic, TestServices.unique("peek"));
    }

    /** Events committed to the alerts topic since the last call. */
    List<AlertEvent> poll() {
        return alerts.poll();
    }

    @Override
    public void close() {
        producer.close();
        alerts.close();
    }
}
