package io.heapstream.app.replay;

import io.heapstream.aggregator.CountingDeadLetterHandler;
import io.heapstream.aggregator.RollupSettings;
import io.heapstream.aggregator.RollupTopology;
import io.heapstream.model.Topics;
import io.heapstream.model.rollup.Rollup;
import io.heapstream.model.rollup.RollupKey;
import io.micrometer.core.instrument.Counter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

/**
 * The live aggregator's own topology ({@link RollupTopology#buildInMemory}: the same processors, its stores in
 * memory), node stage, totals repartition and all, driven in this process by Kafka's {@link TopologyTestDriver}:
 * one task, no broker round trip per record, no transactions or changelogs (a replay's result is idempotent, so it
 * needs neither), and its wall clock under the replay's control. The state is the open windows (minutes of
 * compact samples) and the coarse windows' partial rollups, as in the live aggregator. docs/replay.md says why this and not a
 * second Streams application.
 *
 * <p>The wall clock is the replay's, not the machine's: it follows the scrapes handed in (never behind the newest
 * record's time), so a reading stall closes no window on idleness half-way through a replay, and the node stage's
 * bound on scrapes stamped in the future (more than the grace past the wall clock) holds for history as it does
 * live. {@link #finish} moves it far enough for every window that began before the end to close.
 */
final class RawAggregation implements AutoCloseable {
    private final RollupSettings settings;
    private final Path stateDir;
    private final TopologyTestDriver driver;
    private final TestInputTopic<byte[], byte[]> raw;
    private final List<TestOutputTopic<RollupKey, Rollup>> outputs = new ArrayList<>();
    /** Late scrapes the topology forwards: counted by the events already, drained so they do not pile up. */
    private final TestOutputTopic<byte[], byte[]> late;
    /** The driver's wall clock: the start, then the newest record time handed in. */
    private Instant wall;

    /**
     * @param settings    the aggregator's rollup settings; its partition count is forced to 1 (one task sees all)
     * @param wallStart   the wall clock at start (the first time read): idle closes are measured from here
     * @param deadLetters counts raw records that cannot be read (skipped, as the live aggregator skips them)
     */
    RawAggregation(RollupSettings settings, String replayId, Instant wallStart, Counter deadLetters) {
        this.settings = new RollupSettings(settings.rawTopic(), "replay." + replayId + ".rollup.",
                "replay." + replayId + ".late", settings.window(), settings.grace(), settings.coarser(), 1,
                settings.idleTimeout(), settings.events());
        this.wall = wallStart;
        try {
            this.stateDir = Files.createTempDirectory("heapstream-replay-" + replayId + "-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a state directory for the replay: " + e.getMessage(), e);
        }
        var props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "heapstream-replay-" + replayId);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "in-process:0");
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE);
        props.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, CountingDeadLetterHandler.class);
        props.put(CountingDeadLetterHandler.COUNTER, deadLetters);
        driver = new TopologyTestDriver(RollupTopology.buildInMemory(this.settings), props, wallStart);
        raw = driver.createInputTopic(this.settings.rawTopic(), new ByteArraySerializer(), new ByteArraySerializer());
        for (var resolution : this.settings.resolutions()) {
            outputs.add(driver.createOutputTopic(this.settings.rollupTopic(resolution),
                    Topics.ROLLUP_KEY.deserializer(), Topics.ROLLUP.deserializer()));
        }
        late = driver.createOutputTopic(this.settings.lateTopic(), new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
    }

    /** One raw record as it was on the topic: key, JSON, headers and timestamp. */
    void pipe(ConsumerRecord<byte[], byte[]> record) {
        var at = Instant.ofEpochMilli(Math.max(0, record.timestamp()));
        if (at.isAfter(wall)) {
            driver.advanceWallClockTime(Duration.between(wall, at));
            wall = at;
        }
        raw.pipeInput(new TestRecord<>(record.key(), record.value(), record.headers(), at));
    }

    /** The rollups emitted since the last call, every resolution. */
    List<Rollup> drain() {
        var out = new ArrayList<Rollup>();
        for (var topic : outputs) {
            while (!topic.isEmpty()) {
                out.add(topic.readValue());
            }
        }
        while (!late.isEmpty()) {
            late.readRecord();
        }
        return out;
    }

    /**
     * Closes every window that began before {@code end}: the wall clock jumps past end + the coarsest resolution +
     * grace + the idle timeout, so the idle watermark passes every window's close.
     */
    void finish(Instant end) {
        var coarsest = settings.resolutions().stream().max(Comparator.naturalOrder()).orElseThrow();
        var target = end.plus(coarsest).plus(settings.grace()).plus(settings.idleTimeout()).plus(Duration.ofMinutes(1));
        if (target.isAfter(wall)) {
            driver.advanceWallClockTime(Duration.between(wall, target));
            wall = target;
        }
    }

    @Override
    public void close() {
        try {
            driver.close();
        } finally {
            try (var paths = Files.walk(stateDir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // the temp directory is gone already
            }
        }
    }
}
