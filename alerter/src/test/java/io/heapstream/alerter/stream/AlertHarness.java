package io.heapstream.alerter.stream;

import io.heapstream.alerter.rules.RuleFile;
import io.heapstream.alerter.rules.RuleFileException;
import io.heapstream.model.Topics;
import io.heapstream.model.alert.AlertEvent;
import io.heapstream.model.rollup.MetricStats;
import io.heapstream.model.rollup.Rollup;
import io.heapstream.model.rollup.RollupKey;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;

/** The alert topology in a TopologyTestDriver, fed 1 min rollups at explicit times, wall clock under control. */
final class AlertHarness implements AutoCloseable {
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    static final Duration MINUTE = Duration.ofMinutes(1);

    final TopologyTestDriver driver;
    final TestInputTopic<RollupKey, Rollup> rollups;
    final TestInputTopic<String, byte[]> rawRollups;
    final TestOutputTopic<String, AlertEvent> alerts;

    AlertHarness(String rulesYaml) {
        this(rulesYaml, Duration.ofMinutes(5));
    }

    AlertHarness(String rulesYaml, Duration staleAfter) {
        this(rules(rulesYaml), null, staleAfter);
    }

    /** The topology evaluating what {@code live} gives at each record: the rules can be swapped (a reload). */
    AlertHarness(java.util.function.Supplier<RuleIndex> live) {
        this(live.get().rules(), live, Duration.ofMinutes(5));
    }

    private AlertHarness(List<io.heapstream.alerter.rules.Rule> rules, java.util.function.Supplier<RuleIndex> live,
                         Duration staleAfter) {
        var settings = new AlertSettings("rollups", "alerts", rules, staleAfter, Duration.ofSeconds(10));
        var props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "alerter-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9");
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, LogAndContinueExceptionHandler.class);
        driver = new TopologyTestDriver(live == null ? AlertTopology.build(settings)
                : AlertTopology.build(settings, live), props, T0);
        rollups = driver.createInputTopic("rollups", Topics.ROLLUP_KEY.serializer(), Topics.ROLLUP.serializer());
        rawRollups = driver.createInputTopic("rollups", new StringSerializer(), new ByteArraySerializer());
        alerts = driver.createOutputTopic("alerts", Topics.STRING.deserializer(), Topics.ALERT_EVENT.deserializer());
    }

    static List<io.heapstream.alerter.rules.Rule> rules(String yaml) {
        try {
            return RuleFile.parse(Path.of("test-rules.yaml"), yaml);
        } catch (RuleFileException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** Minute {@code n} after T0. */
    static Instant minute(int n) {
        return T0.plus(MINUTE.multipliedBy(n));
    }

    /** Pipes the 1 min rollup of window [minute(n), minute(n+1)) for the key. */
    void window(RollupKey key, int n, MetricStats... metrics) {
        var rollup = new Rollup(Rollup.SCHEMA_VERSION, key, MINUTE, minute(n), minute(n + 1), List.of(metrics),
                Map.of(), null);
        rollups.pipeInput(key, rollup, minute(n + 1));
    }

    /** A gauge that was {@code value} in all four slots of the window. */
    static MetricStats gauge(String name, double value) {
        return new MetricStats(name, null, 4, value, value, value, value);
    }

    static MetricStats gauge(String name, String resource, double value) {
        return new MetricStats(name, resource, 4, value, value, value, value);
    }

    static MetricStats stats(String name, double min, double max, double last) {
        return new MetricStats(name, null, 4, (min + max) / 2, min, max, last);
    }

    /** Moves the wall clock (punctuations run) by {@code d}, in check-interval steps. */
    void advanceWallClock(Duration d) {
        for (long s = 0; s < d.toSeconds(); s += 10) {
            driver.advanceWallClockTime(Duration.ofSeconds(Math.min(10, d.toSeconds() - s)));
        }
    }

    /** The alert states the store holds now. */
    List<io.heapstream.alerter.engine.AlertState> states() {
        var out = new java.util.ArrayList<io.heapstream.alerter.engine.AlertState>();
        try (var all = driver.<String, io.heapstream.alerter.engine.AlertState>getKeyValueStore(AlertTopology.STATES)
                .all()) {
            all.forEachRemaining(kv -> out.add(kv.value));
        }
        return out;
    }

    List<AlertEvent> events() {
        return alerts.readValuesToList();
    }

    @Override
    public void close() {
        driver.close();
    }
}
