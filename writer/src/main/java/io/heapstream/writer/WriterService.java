package io.heapstream.writer;

import io.heapstream.model.BrokerWatch;
import io.heapstream.writer.delivery.Backoff;
import io.heapstream.writer.delivery.DeadLetters;
import io.heapstream.writer.delivery.Delivery;
import io.heapstream.writer.delivery.WriterHooks;
import io.heapstream.writer.influx.InfluxClient;
import io.heapstream.writer.schema.InfluxSchema;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The writer role: rollup topics in, InfluxDB points out, offsets committed only for what InfluxDB acknowledged
 * (or what went to the dead-letter topic). {@link #start()} returns at once; the database is set up and the
 * consumer subscribed on the writer's own thread, retrying while InfluxDB is unreachable. {@link #stop()} hands
 * what was read to InfluxDB for a few seconds, commits what was acknowledged and closes everything; both are
 * idempotent.
 */
public final class WriterService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WriterService.class);
    /** How long stop() lets the lanes finish what was read before leaving it to the next writer. */
    static final Duration STOP_GRACE = Duration.ofSeconds(10);
    /** Longest a fetch waits at the broker for records (an idle writer's fetch rate). */
    static final Duration FETCH_MAX_WAIT = Duration.ofSeconds(5);

    private final WriterConfig config;
    private final MeterRegistry registry;
    private final WriterHooks hooks;
    private final WriterMetrics metrics;
    private Delivery delivery;
    private InfluxClient influx;
    private DeadLetters deadLetters;
    private KafkaClientMetrics consumerMetrics;
    private Admin admin;
    private BrokerWatch brokerWatch;
    private boolean started;
    private boolean stopped;

    public WriterService(WriterConfig config, MeterRegistry registry) {
        this(config, registry, WriterHooks.NONE);
    }

    /** With hooks into the delivery path, for fault tests. */
    public WriterService(WriterConfig config, MeterRegistry registry, WriterHooks hooks) {
        this.config = config;
        this.registry = registry;
        this.hooks = hooks;
        this.metrics = new WriterMetrics(registry);
    }

    public synchronized void start() {
        if (started) {
            return;
        }
        started = true;
        LOG.info("writer starting: {}", config);
        InfluxSchema schema = config.influxSchema();
        influx = InfluxClient.connect(config);
        deadLetters = new DeadLetters(DeadLetters.producer(config.kafkaBootstrap(), config.kafkaProperties(),
                config.groupId() + "-dead-letters"), config.deadLetterTopic(), config.influxTimeout());
        var adminProps = new java.util.HashMap<String, Object>(config.kafkaProperties());
        adminProps.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.kafkaBootstrap());
        adminProps.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) BrokerWatch.EVERY.toMillis());
        adminProps.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) BrokerWatch.EVERY.toMillis());
        adminProps.put(AdminClientConfig.CLIENT_ID_CONFIG, config.groupId() + "-broker-watch");
        admin = Admin.create(adminProps);
        brokerWatch = new BrokerWatch("writer", timeout -> admin.describeCluster().nodes()
                .get(timeout.toMillis(), TimeUnit.MILLISECONDS)).start();
        var consumer = new KafkaConsumer<>(consumerProperties(), new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
        consumerMetrics = new KafkaClientMetrics(consumer);
        consumerMetrics.bindTo(registry);
        var backoff = new Backoff(config.retryBackoff(), config.retryBackoffMax(),
                () -> ThreadLocalRandom.current().nextDouble());
        delivery = new Delivery(consumer, config, schema, influx, new InfluxSetup(influx, schema,
                config.createDatabase()), deadLetters, metrics, backoff, hooks);
        delivery.start(STOP_GRACE);
    }

    /**
     * True once the database is set up, partitions may be consumed, InfluxDB takes writes and Kafka answers. While
     * Kafka does not, the writer waits (its consumer reconnects) and catches up after; it is not restarted.
     */
    public boolean isReady() {
        return delivery != null && delivery.isSubscribed() && metrics.influxUp() && brokerWatch.reachable();
    }

    /** False when a thread of the writer died; a liveness probe should restart the process. */
    public boolean isAlive() {
        return delivery == null || delivery.isAlive();
    }

    public WriterMetrics metrics() {
        return metrics;
    }

    public synchronized void stop() {
        if (!started || stopped) {
            return;
        }
        stopped = true;
        LOG.info("writer stopping");
        delivery.stop();
        consumerMetrics.close();
        brokerWatch.close();
        admin.close(Duration.ofSeconds(2));
        deadLetters.close();
        influx.close();
        LOG.info("writer stopped");
    }

    @Override
    public void close() {
        stop();
    }

    private Properties consumerProperties() {
        var props = new Properties();
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Integer.toString(Math.min(config.batchSize(), 2000)));
        // A fetch parks at the broker until there is something to read: a window's rollups become readable when
        // the aggregator's transaction commits, and the broker answers the parked fetch then (measured: within
        // tens of ms of the commit with a 5 s wait), so the wait does not delay them. It only sets how often an
        // idle writer asks, and the broker answers: 10 times a second at 100 ms was most of a small install's
        // fixed cost in both (docs/benchmarks-central.md).
        props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, String.valueOf(FETCH_MAX_WAIT.toMillis()));
        props.putAll(config.kafkaProperties());
        // Not overridable: the delivery guarantee rests on them.
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.kafkaBootstrap());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, config.groupId());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return props;
    }
}
