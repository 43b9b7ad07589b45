package io.heapstream.aggregator;

import io.heapstream.aggregator.config.AggregatorConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.errors.RetriableException;
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
    private final RollupTap tap;
    private KafkaStreams streams;
    private KafkaStreamsMetrics streamsMetrics;
    private BrokerFeed feed;
    private volatile boolean closed;

    public AggregatorService(AggregatorConfig config, MeterRegistry registry) {
        this(config, registry, null);
    }

    /** With {@code tap}'s processors on the rollups ({@link RollupTap}; the embedded alert rules), or none. */
    public AggregatorService(AggregatorConfig config, MeterRegistry registry, RollupTap tap) {
        this.config = config;
        this.registry = registry;
        this.metrics = new AggregatorMetrics(registry);
        this.tap = tap;
    }

    /** The topology as text, for {@code --describe} (no broker needed: partitions default to 1 if unknown). */
    public static String describe(AggregatorConfig config) {
        return describe(config, null);
    }

    /** {@link #describe(AggregatorConfig)} with the tap's processors, if any. */
    public static String describe(AggregatorConfig config, RollupTap tap) {
        int partitions = Math.max(config.rawPartitions(), 1);
        return RollupTopology.build(config.settings(partitions), tap).describe().toString();
    }

    /**
     * Waits for the raw topic to exist (saying so every few seconds; {@link #close()} ends the wait), then starts
     * processing; returns once KafkaStreams is starting (see {@link #isReady()}).
     */
    public void start() {
        int found;
        try {
            found = RawTopicWait.partitions(adminProps(), config.rawTopic(), config.rawPartitions(), () -> closed);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        synchronized (this) {
            if (closed || streams != null) {
                return;
            }
            startStreams(config.rawPartitions() > 0 ? config.rawPartitions() : found);
        }
    }

    private void startStreams(int partitions) {
        feed = new BrokerFeed(config.rawTopic(), config.applicationId(), partitions, adminProps()).start();
        var settings = config.settings(partitions).withEvents(metrics).withFeed(feed);
        var props = config.streamsProperties();
        props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, CountingDeadLetterHandler.class);
        props.put(CountingDeadLetterHandler.COUNTER, metrics.deadLetters());
        LOG.info("aggregator starting config={} rawPartitions={}", config, partitions);
        streams = new KafkaStreams(RollupTopology.build(settings, tap), props);
        var brokerFeed = feed;
        streams.setUncaughtExceptionHandler(e -> onThreadFailure(e, !brokerFeed.reachable()));
        streams.setStateListener((now, before) -> LOG.info("aggregator streams state {} -> {}", before, now));
        streamsMetrics = new KafkaStreamsMetrics(streams);
        streamsMetrics.bindTo(registry);
        streams.start();
    }

    /**
     * A stream thread that failed while the broker did not answer, or on a timeout or another retriable error,
     * is replaced: its tasks start again from the last commit, so an outage costs a restart of the thread, not
     * of the process. (Under exactly-once, a broker away for two commit timeouts fails the thread with "the
     * previous call to `commitTransaction` timed out and must be retried", an IllegalStateException.) Anything
     * else shuts this instance down and {@code /healthz} fails: state and offsets are transactional, so the
     * orchestrator's restart neither loses nor double counts.
     */
    static StreamThreadExceptionResponse onThreadFailure(Throwable e, boolean brokerAway) {
        boolean retriable = brokerAway;
        for (var cause = e; cause != null && !retriable; cause = cause.getCause()) {
            retriable = cause instanceof RetriableException;
        }
        if (retriable) {
            LOG.warn("aggregator stream thread failed while Kafka was away, replacing it (it resumes from the "
                    + "last commit): {}", e.toString());
            return StreamThreadExceptionResponse.REPLACE_THREAD;
        }
        LOG.error("aggregator stream thread failed, shutting down this instance (state and offsets are "
                + "transactional; a restart resumes from the last commit): {}", e.toString(), e);
        return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
    }

    /**
     * {@code /readyz}: Streams is RUNNING (assigned, restored, processing) and the broker answers. While it does
     * not, the instance waits it out (its clients reconnect) and catches up after; it is not restarted.
     */
    public boolean isReady() {
        return StreamsHealth.isReady(streams) && feed != null && feed.reachable();
    }

    /** {@code /healthz}: not failed or stopped. */
    public boolean isAlive() {
        return StreamsHealth.isAlive(streams);
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
        if (feed != null) {
            feed.close();
        }
    }

    private Map<String, Object> adminProps() {
        var adminProps = new java.util.HashMap<String, Object>(config.kafkaProperties());
        adminProps.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.kafkaBootstrap());
        return adminProps;
    }
}
