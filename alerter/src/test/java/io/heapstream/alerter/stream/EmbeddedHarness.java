package io.heapstream.alerter.stream;

import io.heapstream.aggregator.RollupSettings;
import io.heapstream.aggregator.RollupTopology;
import io.heapstream.alerter.rules.Rule;
import io.heapstream.model.Topics;
import io.heapstream.model.alert.AlertEvent;
import io.heapstream.model.raw.ContainerMeta;
import io.heapstream.model.raw.ContainerStats;
import io.heapstream.model.raw.CpuStats;
import io.heapstream.model.raw.MemoryStats;
import io.heapstream.model.raw.NodeMeta;
import io.heapstream.model.raw.NodeStats;
import io.heapstream.model.raw.PodMeta;
import io.heapstream.model.raw.PodRef;
import io.heapstream.model.raw.PodStats;
import io.heapstream.model.raw.RawScrape;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
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
    static final Instant NODE_START = Instant.parse("2025-12-31T00:00:00Z");

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

    /**
     * Node {@code n1} of cluster {@code c1} with one pod, shop/web-1 of Deployment/web, one container {@code app}
     * with a 1,000-byte memory limit and {@code workingSet} bytes in use, at {@code slot}.
     */
    static RawScrape webPod(Instant slot, long workingSet) {
        var container = new ContainerStats("app", NODE_START, new CpuStats(slot, null, 1_000_000L),
                new MemoryStats(slot, null, workingSet + 10, workingSet, workingSet / 2, null, null), null, null, null);
        var meta = new PodMeta(Map.of("app", "web"), "Deployment", "web", "Burstable",
                Map.of("app", new ContainerMeta("img/web:1", 100L, 200L, 500L, 1000L, 0)));
        var pod = new PodStats(new PodRef("web-1", "shop", "uid-web-1"), NODE_START, List.of(container), null, null,
                null, List.of(), null, meta, Map.of());
        var node = new NodeStats("n1", NODE_START, new CpuStats(slot, null, 1_000_000_000L),
                new MemoryStats(slot, null, 4_000L, 4_000L, null, null, null), null, null, null, List.of(),
                new NodeMeta(4000L, 3800L, 16_000L, 15_000L, Map.of()), Map.of());
        return new RawScrape(RawScrape.SCHEMA_VERSION, "c1", "n1", slot, node, List.of(pod));
    }

    @Override
    public void close() {
        driver.close();
    }
}
