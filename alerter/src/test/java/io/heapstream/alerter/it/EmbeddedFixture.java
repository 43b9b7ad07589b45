package io.heapstream.alerter.it;

import io.heapstream.aggregator.AggregatorService;
import io.heapstream.aggregator.config.AggregatorConfig;
import io.heapstream.alerter.EmbeddedAlerter;
import io.heapstream.alerter.rules.RuleFileException;
import io.heapstream.alerter.stream.WebPodScrape;
import io.heapstream.model.Topics;
import io.heapstream.model.alert.AlertEvent;
import io.heapstream.model.raw.RawScrape;
import io.heapstream.testkit.TestServices;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Topics of one embedded-mode test on the shared broker (raw, 1 min rollups, alerts), the aggregator's settings
 * with {@code --alert-rules} ({@link AlerterFixture#RULES}, 1 min windows, grace 0), a producer of
 * {@link WebPodScrape}s and a read_committed reader of the alerts topic.
 */
final class EmbeddedFixture implements AutoCloseable {
    final String bootstrap;
    final String prefix;
    final String raw;
    final String alertsTopic;
    final Path dir;
    /** Slot 0: whole minutes in the past, so that resolutions end before Alertmanager's now. */
    final Instant base;
    private final KafkaProducer<String, RawScrape> producer;
    private final AlertsReader alerts;

    EmbeddedFixture() throws IOException {
        this(TestServices.kafkaBootstrap(), TestServices.unique("embedded-alerts"),
                Files.createTempDirectory("heapstream-embedded-alerts-it-"),
                Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(30)));
        TestServices.createTopic(bootstrap, raw, 1);
        TestServices.createTopic(bootstrap, prefix + ".rollup.1m", 1);
        TestServices.createTopic(bootstrap, prefix + ".late", 1);
        TestServices.createTopic(bootstrap, prefix + ".dlq", 1);
        TestServices.createTopic(bootstrap, alertsTopic, 1);
        Files.writeString(dir.resolve("rules.yaml"), AlerterFixture.RULES);
    }

    /** The fixture of another JVM (the child's): the same topics and directory, no topics created. */
    private EmbeddedFixture(String bootstrap, String prefix, Path dir, Instant base) {
        this.bootstrap = bootstrap;
        this.prefix = prefix;
        this.dir = dir;
        this.base = base;
        this.raw = prefix + ".raw";
        this.alertsTopic = prefix + ".alerts";
        producer = new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                Topics.STRING.serializer(), Topics.raw(raw).valueSerde().serializer());
        alerts = new AlertsReader(bootstrap, alertsTopic, prefix + "-reader");
    }

    /** The arguments a child JVM rebuilds this fixture from ({@link #of}). */
    List<String> args() {
        return List.of(bootstrap, prefix, dir.toString(), base.toString());
    }

    static EmbeddedFixture of(String[] args) {
        return new EmbeddedFixture(args[0], args[1], Path.of(args[2]), Instant.parse(args[3]));
    }

    /** The aggregator's settings, as its flags and variables give them, {@code --alert-rules} included. */
    Map<String, String> env() {
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
        // a killed instance leaves its group member behind: the broker's minimum session (6 s) rather than 45 s
        // before its restart gets the partitions
        env.putAll(TestServices.quickSessionExpiry(AggregatorConfig.KAFKA_PREFIX));
        return env;
    }

    /** The embedded rules of {@link #env()}. */
    EmbeddedAlerter alerter(MeterRegistry registry) throws RuleFileException {
        var config = EmbeddedAlerter.Config.fromMap(env());
        return new EmbeddedAlerter(config, EmbeddedAlerter.rules(config), registry);
    }

    /** The aggregator of {@link #env()} with {@code alerter}'s rules tapped in. */
    AggregatorService aggregator(EmbeddedAlerter alerter, MeterRegistry registry) {
        var config = AggregatorConfig.fromMap(env());
        return new AggregatorService(config, registry, alerter.tap(config.window()));
    }

    /** The pod's scrapes of slots {@code from} to {@code to} (15 s apart from {@link #base}) at that working set. */
    void scrapes(int from, int to, long workingSet) throws InterruptedException, ExecutionException {
        for (int slot = from; slot <= to; slot++) {
            var scrape = WebPodScrape.at(base.plusSeconds(15L * slot), workingSet);
            producer.send(new ProducerRecord<>(raw, scrape.key(), scrape)).get();
        }
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
