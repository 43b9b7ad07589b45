package io.heapstream.alerter.stream;

import io.heapstream.aggregator.RollupSettings;
import io.heapstream.aggregator.RollupTopology;
import io.heapstream.alerter.rules.Rule;
import io.heapstream.model.Topics;
import io.heapstream.model.alert.AlertEvent;
import io.heapstream.model.raw.RawScrape;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/**
 * The aggregator's topology with the alert rules tapped in ({@link EmbeddedAlertTap}) in a TopologyTestDriver:
 * raw scrapes in, the alerts topic and the 1 min rollup topic out. 1 min windows, 30 s grace, one raw partition.
 */
final class EmbeddedHarness implements AutoCloseable {
    /** A day after the scrapes, as in production (they are in the past, not the future). */
    static final Instant WALL_START = Instant.parse("2026-01-02T00:00:00Z");
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    final RollupSettings settings = RollupSettings.defaults();
    final TopologyTestDriver driver;
    final TestInputTopic<String, RawScrape> raw;
    final TestOutputTopic<String, AlertEvent> alerts;
    final TestOutputTopic<byte[], byte[]> rollups;

    EmbeddedHarness(List<Rule> rules) {
        var index = new RuleIndex(rules);
        var tap = new EmbeddedAlertTap("alerts", settings.window(), Duration.ofMinutes(5), Duration.ofSeconds(10),
                () -> index);
        var props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "embedded-alerts-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
        props.put(StreamsConfig.STATE_DIR_CONFIG, Path.of("target", "ttd-state-" + System.nanoTime()).toString());
        driver = new TopologyTestDriver(RollupTopology.build(settings, tap), props, WALL_START);
        var rawTopic = Topics.raw(settings.rawTopic());
        raw = driver.createInputTopic(rawTopic.name(), new StringSerializer(), rawTopic.valueSerde().serializer());
        alerts = driver.createOutputTopic("alerts", Topics.STRING.deserializer(), Topics.ALERT_EVENT.deserializer());
        rollups = driver.createOutputTopic(settings.rollupTopic(settings.window()), new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
    }

    void pipe(RawScrape scrape) {
        raw.pipeInput(scrape.key(), scrape, scrape.scrapeTime());
    }

    /** {@link WebPodScrape#at}. */
    static RawScrape webPod(Instant slot, long workingSet) {
        return WebPodScrape.at(slot, workingSet);
    }

    @Override
    public void close() {
        driver.close();
    }
}
