package io.heapstream.alerter.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.heapstream.aggregator.AggregatorService;
import io.heapstream.aggregator.config.AggregatorConfig;
import io.heapstream.alerter.AlerterConfig;
import io.heapstream.alerter.AlerterService;
import io.heapstream.alerter.EmbeddedAlerter;
import io.heapstream.alerter.stream.WebPodScrape;
import io.heapstream.local.AlertmanagerServer;
import io.heapstream.model.Json;
import io.heapstream.model.Topics;
import io.heapstream.model.raw.RawScrape;
import io.heapstream.testkit.TestServices;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/**
 * The embedded mode end to end on the real broker and a real Alertmanager: the aggregator with
 * {@code --alert-rules} (the rules evaluated where its windows close) fed raw scrapes, the alerter with
 * {@code --evaluate=false} delivering. A pod grows past 90 % of its memory limit: Alertmanager lists the alert with
 * the right labels; it shrinks: the alert is resolved.
 */
class EmbeddedAlertmanagerIT {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void aggregatorEvaluatesDeliveryOnlyAlerterDeliversAndTheAlertResolves() throws Exception {
        var bootstrap = TestServices.kafkaBootstrap();
        var prefix = TestServices.unique("embedded-alerts");
        var raw = TestServices.createTopic(bootstrap, prefix + ".raw", 1);
        TestServices.createTopic(bootstrap, prefix + ".rollup.1m", 1);
        TestServices.createTopic(bootstrap, prefix + ".late", 1);
        TestServices.createTopic(bootstrap, prefix + ".dlq", 1);
        var alertsTopic = TestServices.createTopic(bootstrap, prefix + ".alerts", 1);
        var dir = Files.createTempDirectory("heapstream-embedded-alerts-it-");
        Files.writeString(dir.resolve("rules.yaml"), AlerterFixture.RULES);

        var env = new HashMap<String, String>();
        env.put("HEAPSTREAM_KAFKA_BOOTSTRAP", bootstrap);
        env.put("HEAPSTREAM_APPLICATION_ID", prefix + "-aggregator");
        env.put("HEAPSTREAM_RAW_TOPIC", raw);
        env.put("HEAPSTREAM_ROLLUP_TOPIC_PREFIX", prefix + ".rollup.");
        env.put("HEAPSTREAM_LATE_TOPIC", prefix + ".late");
        env.put("HEAPSTREAM_DEAD_LETTER_TOPIC", prefix + ".dlq");
        env.put("HEAPSTREAM_RESOLUTIONS", "none");
        env.put("HEAPSTREAM_GRACE", "0s");
        env.put("HEAPSTREAM_RAW_PARTITIONS", "1");
        env.put("HEAPSTREAM_COMMIT_INTERVAL", "200ms");
        env.put("HEAPSTREAM_STATE_DIR", dir.resolve("aggregator-state").toString());
        env.put("HEAPSTREAM_ALERT_RULES", dir.resolve("rules.yaml").toString());
        env.put("HEAPSTREAM_ALERTS_TOPIC", alertsTopic);
        env.put("HEAPSTREAM_CHECK_INTERVAL", "1s");
        var aggregatorConfig = AggregatorConfig.fromMap(env);
        var alerting = EmbeddedAlerter.Config.fromMap(env);
        var deliveryOnly = new AlerterConfig(bootstrap, Map.of(), prefix + "-alerter", "unused", alertsTopic,
                prefix + ".dlq", null, dir.resolve("alerter-state").toString(), Duration.ofMinutes(5),
                Duration.ofSeconds(1), Duration.ofMillis(200), List.of(), List.of(), Duration.ofSeconds(2),
                Duration.ofSeconds(1), null, false);
        // 30 min in the past, whole minutes: the resolution ends before Alertmanager's now
        var base = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(30));
        var registry = new SimpleMeterRegistry();
        try (var alertmanager = AlertmanagerServer.launch("""
                     route:
                       receiver: none
                     receivers:
                       - name: none
                     """);
             var alerter = new EmbeddedAlerter(alerting, EmbeddedAlerter.rules(alerting), registry);
             var aggregator = new AggregatorService(aggregatorConfig, registry, alerter.tap(aggregatorConfig.window()));
             var delivery = new AlerterService(withAlertmanager(deliveryOnly, alertmanager.url()), List.of(),
                     registry);
             var producer = new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                     bootstrap), Topics.STRING.serializer(), Topics.raw(raw).valueSerde().serializer())) {
            alerter.start();
            aggregator.start();
            delivery.start();
            assertThat(delivery.isAlive()).isTrue();

            // minutes 0-2 at 950 of 1,000 bytes (for: 2m: fires at the end of minute 1), then 500 from 00:03
            for (int slot = 0; slot <= 12; slot++) {
                send(producer, raw, WebPodScrape.at(base.plusSeconds(15L * slot), slot < 12 ? 950 : 500));
            }
            await().atMost(Duration.ofSeconds(90)).until(() -> !alerts(alertmanager).isEmpty());
            var listed = alerts(alertmanager).get(0);
            assertThat(Json.mapper().convertValue(listed.get("labels"), Map.class)).isEqualTo(Map.of(
                    "alertname", "PodMemoryNearLimit", "severity", "warning", "team", "web", "cluster", "c1",
                    "namespace", "shop", "workload", "Deployment/web", "pod", "web-1", "node", "n1"));
            assertThat(listed.get("annotations").get("summary").asText())
                    .isEqualTo("shop/web-1 uses 95.0% of its memory limit");
            assertThat(Instant.parse(listed.get("startsAt").asText())).isEqualTo(base.plus(Duration.ofMinutes(2)));

            // the 00:03 window closes (at 00:04) without the condition: resolved
            for (int slot = 13; slot <= 16; slot++) {
                send(producer, raw, WebPodScrape.at(base.plusSeconds(15L * slot), 500));
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> alerts(alertmanager).isEmpty());
        }
    }

    private static void send(KafkaProducer<String, RawScrape> producer, String topic, RawScrape scrape)
            throws Exception {
        producer.send(new ProducerRecord<>(topic, scrape.key(), scrape)).get();
    }

    private static AlerterConfig withAlertmanager(AlerterConfig c, String url) {
        return new AlerterConfig(c.kafkaBootstrap(), c.kafkaProperties(), c.applicationId(), c.rollupTopic(),
                c.alertsTopic(), c.deadLetterTopic(), c.rulesFile(), c.stateDir(), c.staleAfter(), c.checkInterval(),
                c.commitInterval(), List.of(URI.create(url)), c.webhooks(), c.resendInterval(),
                c.rulesCheckInterval(), c.influx(), c.evaluate());
    }

    /** Active (unresolved) alerts Alertmanager lists. */
    private static List<JsonNode> alerts(AlertmanagerServer alertmanager) throws Exception {
        var response = HTTP.send(HttpRequest.newBuilder(URI.create(alertmanager.url() + "/api/v2/alerts?active=true"))
                .build(), HttpResponse.BodyHandlers.ofByteArray());
        var list = new ArrayList<JsonNode>();
        Json.mapper().readTree(response.body()).forEach(list::add);
        return list;
    }
}
