package io.heapstream.app;

import io.heapstream.app.replay.InfluxTarget;
import io.heapstream.app.replay.ReplayFailure;
import io.heapstream.app.replay.ReplayInputException;
import io.heapstream.app.replay.ReplayKafka;
import io.heapstream.app.replay.ReplayRange;
import io.heapstream.app.replay.ReplaySettings;
import io.heapstream.app.replay.ReplaySummary;
import io.heapstream.app.replay.RollupSinks;
import io.heapstream.app.replay.TopicOutput;
import io.heapstream.app.replay.ReplayTimes;
import io.heapstream.aggregator.config.AggregatorSettings;
import io.heapstream.model.settings.Setting;
import io.heapstream.model.settings.SettingsReader;
import io.heapstream.writer.WriterSettings;
import io.heapstream.writer.WriterConfig;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * What both replay commands share: the settings read once, the range against one {@code now}, the writer's
 * InfluxDB settings, a stop on SIGINT/SIGTERM that lets the replay write what it has and print its summary, and
 * the exit codes: 0 done, 2 input the user can fix (one line), 1 a failure (one line, the reason), 130 stopped
 * (after a signal the JVM exits with the signal's own status, 130 or 143, once the hook lets it).
 */
final class ReplayRun {
    static final int INTERRUPTED = 130;
    /** The aggregator's rollup settings a raw replay re-aggregates with. */
    static final List<Setting<?>> ROLLUP_SETTINGS = List.of(AggregatorSettings.WINDOW, AggregatorSettings.GRACE,
            AggregatorSettings.RESOLUTIONS);
    /** The writer's InfluxDB settings a replay writes with (not its consumer's: a replay has none). */
    static final List<Setting<?>> INFLUX_SETTINGS = List.of(WriterSettings.INFLUX_URL, WriterSettings.INFLUX_DB,
            WriterSettings.INFLUX_USER, WriterSettings.INFLUX_PASSWORD, WriterSettings.INFLUX_PASSWORD_FILE,
            WriterSettings.SCHEMA, WriterSettings.RETENTION, WriterSettings.NO_CREATE, WriterSettings.BATCH_SIZE,
            WriterSettings.WRITE_PARALLELISM,
            WriterSettings.INFLUX_GZIP, WriterSettings.INFLUX_TIMEOUT, WriterSettings.RETRY_BACKOFF,
            WriterSettings.RETRY_BACKOFF_MAX, WriterSettings.HEAPSTER_LABELS_TAG, WriterSettings.HEAPSTER_IMAGE_TAG);

    interface Body {
        ReplaySummary run(SettingsReader settings, Map<String, String> values, Instant now, BooleanSupplier stopped,
                          boolean terminal) throws InterruptedException;
    }

    private ReplayRun() { }

    static int execute(CommandSpec spec, CommonOptions common, DeclaresSettings command, String unit, Body body) {
        var values = common.settings(command);
        var reader = new SettingsReader(spec.qualifiedName(), values);
        var out = spec.commandLine().getOut();
        var stop = new Stop();
        Runtime.getRuntime().addShutdownHook(stop.hook);
        try {
            var summary = body.run(reader, values, Instant.now(), stop::requested, System.console() != null);
            out.println(summary.line(unit));
            out.flush();
            return summary.interrupted() ? INTERRUPTED : 0;
        } catch (ReplayInputException | IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        } catch (ReplayFailure e) {
            return fail(spec, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail(spec, "interrupted");
        } finally {
            stop.done.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(stop.hook);
            } catch (IllegalStateException e) {
                // the JVM is shutting down: the hook is running
            }
        }
    }

    /** {@code --from} and {@code --to} against one now, checked against the finest window written. */
    static ReplayRange range(SettingsReader reader, Instant now, Duration window) {
        String from = reader.get(ReplaySettings.FROM);
        String to = reader.get(ReplaySettings.TO);
        reader.throwIfInvalid();
        return ReplayRange.of(ReplayTimes.parse("--from", from, now), ReplayTimes.parse("--to", to, now), now, window);
    }

    static ReplayKafka kafka(CommonOptions common, SettingsReader reader) {
        return new ReplayKafka(common.kafkaBootstrap(), common.kafkaProperties(), reader.get(ReplaySettings.REPLAY_ID),
                reader.get(ReplaySettings.GIVE_UP_AFTER));
    }

    static InfluxTarget influx(SettingsReader reader, Map<String, String> values) {
        if (!reader.isSet(WriterSettings.INFLUX_DB)) {
            throw new ReplayInputException(WriterSettings.INFLUX_DB.names() + " is required: the database to"
                    + " write into");
        }
        return new InfluxTarget(WriterConfig.fromMap(values), reader.get(ReplaySettings.RETENTION_POLICY),
                reader.get(ReplaySettings.GIVE_UP_AFTER));
    }

    /** InfluxDB, the {@code --to-topics} topics, or both; at least one of them. */
    static RollupSinks sinks(CommonOptions common, SettingsReader reader, Map<String, String> values) {
        String topics = reader.get(ReplaySettings.TO_TOPICS);
        if (topics == null) {
            return influx(reader, values);
        }
        var kafka = kafka(common, reader);
        RollupSinks toTopics = resolutions -> TopicOutput.open(kafka, topics, common.rollupTopicPrefix(), resolutions);
        if (!reader.isSet(WriterSettings.INFLUX_DB)) {
            return toTopics;
        }
        var influx = influx(reader, values);
        return resolutions -> {
            var first = influx.open(resolutions);
            try {
                return TopicOutput.both(first, toTopics.open(resolutions));
            } catch (RuntimeException e) {
                first.close();
                throw e;
            }
        };
    }

    private static int fail(CommandSpec spec, String reason) {
        PrintWriter err = spec.commandLine().getErr();
        err.println(spec.qualifiedName() + ": " + reason);
        err.flush();
        return 1;
    }

    /** SIGINT/SIGTERM: ask the replay to stop, and hold the JVM until it has written what it has (30 s at most). */
    private static final class Stop {
        private volatile boolean requested;
        private final CountDownLatch done = new CountDownLatch(1);
        private final Thread hook = new Thread(() -> {
            requested = true;
            try {
                done.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "replay-stop");

        boolean requested() {
            return requested;
        }
    }
}
