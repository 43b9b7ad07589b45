package io.heapstream.alerter;

import io.heapstream.aggregator.CountingDeadLetterHandler;
import io.heapstream.aggregator.StreamsHealth;
import io.heapstream.alerter.delivery.AlertDelivery;
import io.heapstream.alerter.rules.Rule;
import io.heapstream.alerter.rules.RuleFile;
import io.heapstream.alerter.rules.RuleFileException;
import io.heapstream.alerter.stream.AlertTopology;
import io.heapstream.writer.influx.InfluxClient;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The alerter role: rules checked at start, the alert topology in one {@link KafkaStreams} (exactly once), and
 * the delivery thread when Alertmanager or webhook URLs are given. A rules file is reloaded when it changes (checked
 * every {@code --rules-check-interval}) and on {@link #reloadRules()} (SIGHUP), keeping every alert's state
 * ({@link RulesReloader}); the default rules are fixed. With {@code --evaluate=false} only the delivery runs: the
 * aggregator evaluates the rules ({@code --alert-rules}, {@link EmbeddedAlerter}) and writes the alerts topic.
 */
public final class AlerterService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AlerterService.class);

    private final AlerterConfig config;
    private final MeterRegistry registry;
    private final List<Rule> rules;
    private KafkaStreams streams;
    private KafkaStreamsMetrics streamsMetrics;
    private AlertDelivery delivery;
    private RulesReloader reloader;
    private InfluxClient influxClient;
    private boolean closed;

    /** Reads and checks the rules file: a bad one is a {@link RuleFileException} with file, line and reason. */
    public AlerterService(AlerterConfig config, MeterRegistry registry) throws RuleFileException {
        this(config, rules(config), registry);
    }

    public AlerterService(AlerterConfig config, List<Rule> rules, MeterRegistry registry) {
        this.config = config;
        this.registry = registry;
        this.rules = List.copyOf(rules);
    }

    /**
     * The configured rules file's rules, or the default rules when none is configured; none in delivery-only mode
     * ({@code --evaluate=false}: the aggregator evaluates them).
     */
    public static List<Rule> rules(AlerterConfig config) throws RuleFileException {
        if (!config.evaluate()) {
            return List.of();
        }
        return config.rulesFile() == null ? RuleFile.defaults() : RuleFile.load(config.rulesFile());
    }

    /** The topology as text, for {@code --describe}. */
    public static String describe(AlerterConfig config, List<Rule> rules) {
        return AlertTopology.build(config.alertSettings(rules)).describe().toString();
    }

    public synchronized void start() {
        if (config.evaluate()) {
            startStreams();
        } else {
            LOG.info("alerter starting, delivery only (the aggregator evaluates the rules) config={}", config);
            if (!config.deliverySettings().hasTargets() && config.influx() == null) {
                LOG.warn("delivery only, but no --alertmanager-url, --webhook-url or --influx-alerts: nothing to do");
            }
        }
        if (config.deliverySettings().hasTargets() || config.influx() != null) {
            var influx = config.influx();
            influxClient = influx == null ? null : InfluxClient.connect(influx.url(), influx.user(),
                    influx.password(), influx.database(), Duration.ofSeconds(10), false);
            delivery = new AlertDelivery(config.deliverySettings(), config.deliveryConsumerProperties(), registry,
                    Clock.systemUTC(), influxClient);
            delivery.start();
        }
    }

    private void startStreams() {
        var props = config.streamsProperties();
        props.put(CountingDeadLetterHandler.COUNTER, Counter.builder("heapstream.alerter.dead.letters")
                .description("rollup records that could not be read, sent to the dead-letter topic").register(registry));
        LOG.info("alerter starting config={} rules={}", config, rules.size());
        var settings = config.alertSettings(rules);
        if (config.rulesFile() != null) {
            reloader = new RulesReloader(config.rulesFile(), rules, registry);
            streams = new KafkaStreams(AlertTopology.build(settings, reloader), props);
            reloader.watch(config.rulesCheckInterval());
        } else {
            streams = new KafkaStreams(AlertTopology.build(settings), props);
        }
        streams.setUncaughtExceptionHandler(e -> {
            LOG.error("alerter stream thread failed, shutting down this instance (state and offsets are "
                    + "transactional; a restart resumes from the last commit): {}", e.toString(), e);
            return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
        streams.setStateListener((now, before) -> LOG.info("alerter streams state {} -> {}", before, now));
        streamsMetrics = new KafkaStreamsMetrics(streams);
        streamsMetrics.bindTo(registry);
        streams.start();
    }

    /**
     * Reads the rules file again (SIGHUP): true when its rules are in force, false when it was refused (the
     * reason is logged on one line; the rules in force stay) or when there is no file (the default rules).
     */
    public synchronized boolean reloadRules() {
        if (reloader == null) {
            LOG.warn("no rules file (--rules): the default rules are built in, nothing to reload");
            return false;
        }
        return reloader.reload();
    }

    /** {@code /readyz}: Streams is RUNNING; delivery only: the delivery thread runs (or there is none). */
    public boolean isReady() {
        return config.evaluate() ? StreamsHealth.isReady(streams) : isAlive();
    }

    /** {@code /healthz}: not failed or stopped. */
    public boolean isAlive() {
        if (config.evaluate()) {
            return StreamsHealth.isAlive(streams);
        }
        return !closed && (delivery == null || delivery.isRunning());
    }

    /** Stops delivery, then Streams (committing what is done), then the metrics binder; idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (reloader != null) {
            reloader.close();
        }
        if (delivery != null) {
            delivery.close();
        }
        if (influxClient != null) {
            influxClient.close();
        }
        if (streams != null) {
            LOG.info("alerter stopping");
            streams.close(Duration.ofSeconds(30));
        }
        if (streamsMetrics != null) {
            streamsMetrics.close();
        }
    }
}
