package io.heapstream.aggregator;

import io.heapstream.aggregator.config.AggregatorConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The aggregator role: builds the topology from its config, runs it in one {@link KafkaStreams}, counts what it
 * does in a Micrometer registry. Only this class builds KafkaStreams and decides what a crashed stream thread
 * means (the client shuts down, {@link #isAlive()} turns false, the orchestrator restarts the process; state
 * and offsets are transactional, so the restart neither loses nor double counts).
 */
public final class AggregatorService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AggregatorService.class);

    private final AggregatorConfig config;
    private final MeterRegistry registry;
    private final AggregatorMetrics metrics;
    private KafkaStreams streams;
    private KafkaStreamsMetrics streamsMetrics;
    private boolean closed;

    public AggregatorService(AggregatorConfig config, MeterRegistry registry) {
        this.config = config;
        this.registry = registry;
        this.metrics = new AggregatorMetrics(registry);
    }

    /** The topology as text, for {@code --describe} (no broker needed: partitions default to 1 if unknown). */
    public static String describe(AggregatorConfig config) {
        int partitions = Math.max(config.rawPartitions(), 1);
        return RollupTopology.build(config.settings(partitions)).describe().toString();
    }

    /** Starts processing; returns once KafkaStreams is starting (see {@link #isReady()}). */
    public synchronized void start() {
        int partitions = config.rawPartitions() > 0 ? config.rawPartitions() : rawPartitions();
        var settings = config.settings(partitions).withEvents(metrics);
        var props = config.streamsProperties();
        props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, CountingDeadLetterHandler.class);
        props.put(CountingDeadLetterHandler.COUNTER, metrics.deadLetters());
        LOG.info("aggregator starting config={} rawPartitions={}", config, partitions);
        streams = new KafkaStreams(RollupTopology.build(settings), props);
        streams.setUncaughtExceptionHandler(e -> {
            LOG.error("aggregator stream thread failed, shutting down this instance (state and offsets are "
                    + "transactional; a restart resumes from the last commit): {}", e.toString(), e);
            return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
        streams.setStateListener((now, before) -> LOG.info("aggregator streams state {} -> {}", before, now));
        streamsMetrics = new KafkaStreamsMetrics(streams);
        streamsMetrics.bindTo(registry);
        streams.start();
    }

    /** {@code /readyz}: Streams is RUNNING (assigned, restored, processing). */
    public boolean isReady() {
        var s = streams;
        return s != null && s.state() == KafkaStreams.State.RUNNING;
    }

    /** {@code /healthz}: not failed or stopped. */
    public boolean isAlive() {
        var s = streams;
        return s == null || !(s.state() == KafkaStreams.State.ERROR || s.state() == KafkaStreams.State.PENDING_ERROR
                || s.state() == KafkaStreams.State.NOT_RUNNING || s.state() == KafkaStreams.State.PENDING_SHUTDOWN);
    }

    public KafkaStreams.State state() {
        return streams == null ? KafkaStreams.State.CREATED : streams.state();
    }

    /** Closes Streams (committing what is done), then the metrics binder; idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (streams != null) {
            LOG.info("aggregator stopping");
            streams.close(Duration.ofSeconds(30));
        }
        if (streamsMetrics != null) {
            streamsMetrics.close();
        }
    }

    private int rawPartitions() {
        var props = Map.<String, Object>of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.kafkaBootstrap());
        var adminProps = new java.util.HashMap<String, Object>(config.kafkaProperties());
        adminProps.putAll(props);
        try (var admin = Admin.create(adminProps)) {
            var description = admin.describeTopics(java.util.List.of(config.rawTopic())).allTopicNames()
                    .get(60, TimeUnit.SECONDS).get(config.rawTopic());
            return description.partitions().size();
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot read the partition count of raw topic " + config.rawTopic()
                    + " (does it exist? set --raw-partitions to skip the lookup): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading topic " + config.rawTopic(), e);
        }
    }
}
