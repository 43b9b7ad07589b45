package io.heapstream.aggregator;

import io.heapstream.model.Json;
import io.heapstream.model.Topics;
import io.heapstream.model.raw.RawScrape;
import io.heapstream.model.rollup.Level;
import io.heapstream.model.rollup.Rollup;
import io.heapstream.model.rollup.RollupKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/** The topology in a TopologyTestDriver, with the raw topic in and every rollup topic out. */
final class TopologyHarness implements AutoCloseable {
    /** A day after the test scrapes (Scrapes.T0): as in production, they are in the past, not the future. */
    static final Instant WALL_START = Instant.parse("2026-01-02T00:00:00Z");

    final RollupSettings settings;
    final TopologyTestDriver driver;
    final TestInputTopic<String, RawScrape> raw;
    final TestInputTopic<String, byte[]> rawBytes;
    final List<TestOutputTopic<RollupKey, Rollup>> rollupTopics = new ArrayList<>();
    final TestOutputTopic<String, RawScrape> late;
    private final Path stateDir;

    TopologyHarness(RollupSettings settings) {
        this(settings, new Properties());
    }

    TopologyHarness(RollupSettings settings, Properties extra) {
        this.settings = settings;
        var props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "aggregator-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
        stateDir = Path.of("target", "ttd-state-" + System.nanoTime());
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.putAll(extra);
        driver = new TopologyTestDriver(RollupTopology.build(settings), props, WALL_START);
        var rawTopic = Topics.raw(settings.rawTopic());
        raw = driver.createInputTopic(rawTopic.name(), new StringSerializer(), rawTopic.valueSerde().serializer());
        rawBytes = driver.createInputTopic(rawTopic.name(), new StringSerializer(), new ByteArraySerializer());
        for (var resolution : settings.resolutions()) {
            rollupTopics.add(driver.createOutputTopic(settings.rollupTopic(resolution),
                    Topics.ROLLUP_KEY.deserializer(), TopologyHarness::readHeldToDatabind));
        }
        late = driver.createOutputTopic(settings.lateTopic(), Topics.STRING.deserializer(),
                Topics.RAW_SCRAPE.deserializer());
    }

    /**
     * A rollup as every consumer reads it ({@code Topics.ROLLUP}, the streaming reader), held equal to the model
     * mapper's databind reading, its oracle, on every rollup the topology tests produce.
     */
    private static Rollup readHeldToDatabind(String topic, byte[] bytes) {
        var read = Topics.ROLLUP.deserializer().deserialize(topic, bytes);
        Rollup oracle;
        try {
            oracle = bytes == null ? null : Json.mapper().readValue(bytes, Rollup.class);
        } catch (IOException e) {
            throw new AssertionError("databind cannot read a rollup the topology wrote", e);
        }
        if (!Objects.equals(read, oracle)) {
            throw new AssertionError("the rollup reader read " + read + " where databind read " + oracle);
        }
        return read;
    }

    /** Pipes a scrape with its slot as the record timestamp (the extractor reads scrapeTime anyway). */
    void pipe(RawScrape scrape) {
        raw.pipeInput(scrape.key(), scrape, scrape.scrapeTime());
    }

    void pipeAll(List<RawScrape> scrapes) {
        scrapes.forEach(this::pipe);
    }

    /** The partition goes quiet for a day of wall-clock time: every open window, coarse ones too, closes. */
    void goQuiet() {
        driver.advanceWallClockTime(Duration.ofDays(1));
    }

    /** Everything emitted so far on every rollup topic. */
    List<Rollup> rollups() {
        var out = new ArrayList<Rollup>();
        for (var topic : rollupTopics) {
            topic.readKeyValuesToList().forEach(kv -> {
                if (!kv.key.equals(kv.value.key())) {
                    throw new AssertionError("record key " + kv.key + " differs from value key " + kv.value.key());
                }
                out.add(kv.value);
            });
        }
        return out;
    }

    static List<Rollup> of(List<Rollup> rollups, Level level, Duration resolution) {
        return rollups.stream().filter(r -> r.key().level() == level && r.resolution().equals(resolution)).toList();
    }

    TestOutputTopic<byte[], byte[]> deadLetters(String topic) {
        return driver.createOutputTopic(topic, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    @Override
    public void close() {
        driver.close();
        try (var paths = Files.walk(stateDir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // nothing left to delete
        }
    }
}
