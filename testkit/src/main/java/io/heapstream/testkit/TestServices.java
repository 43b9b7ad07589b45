package io.heapstream.testkit;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import io.heapstream.local.InfluxServer;
import io.heapstream.local.KafkaBroker;
import io.heapstream.local.Loopback;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The real Kafka and InfluxDB every integration test of this JVM shares, started on first use.
 *
 * <p>Each service is chosen once, in this order: the endpoint in an environment variable
 * ({@code HEAPSTREAM_TEST_KAFKA}, {@code HEAPSTREAM_TEST_INFLUX}); a local child process
 * ({@link KafkaBroker}, {@link InfluxServer}); Testcontainers when a Docker engine answers. When none can
 * be had the call fails with a message saying how to get one — tests never skip. The choice is logged
 * at INFO with the prefix {@value #LOG_PREFIX}.
 *
 * <p>Tests share the services, so each uses its own names: {@link #unique(String)} for topics and
 * databases. Never stop a shared service; launch a dedicated {@link KafkaBroker} or {@link InfluxServer}
 * for fault tests.
 */
public final class TestServices {

    /** Environment variable naming an existing broker's bootstrap servers, e.g. {@code localhost:9092}. */
    public static final String KAFKA_ENV = "HEAPSTREAM_TEST_KAFKA";
    /** Environment variable naming an existing InfluxDB 1.x, e.g. {@code http://localhost:8086}. */
    public static final String INFLUX_ENV = "HEAPSTREAM_TEST_INFLUX";
    static final String LOG_PREFIX = "heapstream test services:";

    private static final Logger LOG = LoggerFactory.getLogger(TestServices.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final AtomicLong SEQUENCE = new AtomicLong();
    private static final Shared KAFKA = new Shared("Kafka", TestServices::chooseKafka);
    private static final Shared INFLUX = new Shared("InfluxDB", TestServices::chooseInflux);

    private TestServices() { }

    /** Bootstrap servers of the shared broker (KRaft, topics are not auto-created). */
    public static String kafkaBootstrap() {
        return KAFKA.get();
    }

    /** Base URL of the shared InfluxDB 1.x, {@code http://host:port}, no trailing slash. */
    public static String influxUrl() {
        return INFLUX.get();
    }

    /**
     * A name no other test (of this or a concurrent run on the same services) uses: {@code prefix_<random>}.
     * Valid as a Kafka topic and as an unquoted InfluxQL identifier when {@code prefix} is.
     */
    public static String unique(String prefix) {
        if (prefix == null || prefix.isEmpty()) {
            throw new IllegalArgumentException("prefix must not be empty");
        }
        var random = Long.toString(RANDOM.nextLong() & Long.MAX_VALUE, 36);
        return prefix + "_" + random.substring(0, Math.min(6, random.length())) + SEQUENCE.incrementAndGet();
    }

    /**
     * Creates a topic with replication factor 1 and no time retention and returns its name, once every
     * partition has a leader.
     * Fails if it exists.
     */
    public static String createTopic(String bootstrap, String name, int partitions) {
        // No time retention: tests replay and backfill scrapes dated in the past, which the broker's
        // retention check would otherwise delete in the middle of a test.
        createTopics(bootstrap, List.of(new NewTopic(name, partitions, (short) 1).configs(Map.of("retention.ms", "-1"))));
        return name;
    }

    /**
     * Creates the topics and returns once every partition of each has a leader. A producer that starts before
     * then meets NOT_LEADER_OR_FOLLOWER, and an idempotent one's later batches then fail as out of order and are
     * retried a second apart: on a loaded machine that cost a test over a minute before its first record landed.
     * Fails if one exists.
     */
    public static void createTopics(String bootstrap, List<NewTopic> topics) {
        try (var admin = Admin.create(Map.<String, Object>of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(topics).all().get(60, TimeUnit.SECONDS);
            for (var topic : topics) {
                Loopback.awaitReady("topic " + topic.name(), Duration.ofSeconds(60), () -> true,
                        () -> allPartitionsLed(admin, topic.name(), topic.numPartitions()),
                        () -> "bootstrap " + bootstrap);
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot create topics " + topics.stream().map(NewTopic::name).toList()
                    + " on " + bootstrap, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted creating topics on " + bootstrap, e);
        }
    }

    private static boolean allPartitionsLed(Admin admin, String name, int partitions) {
        try {
            var description = admin.describeTopics(List.of(name)).allTopicNames().get(10, TimeUnit.SECONDS).get(name);
            return description.partitions().size() == partitions
                    && description.partitions().stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty());
        } catch (ExecutionException | TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String chooseKafka() {
        var fromEnv = System.getenv(KAFKA_ENV);
        if (fromEnv != null && !fromEnv.isBlank()) {
            LOG.info("{} Kafka from {} at {}", LOG_PREFIX, KAFKA_ENV, fromEnv);
            return fromEnv.strip();
        }
        if (KafkaBroker.isAvailable()) {
            var broker = KafkaBroker.launch();
            LOG.info("{} Kafka is a local KRaft broker (child JVM kafka.Kafka) at {}, log {}", LOG_PREFIX,
                    broker.bootstrap(), broker.logFile());
            return broker.bootstrap();
        }
        if (Containers.dockerAvailable()) {
            var bootstrap = Containers.kafka();
            LOG.info("{} Kafka is a Testcontainers broker at {}", LOG_PREFIX, bootstrap);
            return bootstrap;
        }
        throw new IllegalStateException("No Kafka broker for integration tests. Get one of: set " + KAFKA_ENV
                + "=host:port to use a running broker; or build the test kit so its broker jars are resolved"
                + " (./mvnw -pl testkit install); or start a Docker engine for Testcontainers.");
    }

    private static String chooseInflux() {
        var fromEnv = System.getenv(INFLUX_ENV);
        if (fromEnv != null && !fromEnv.isBlank()) {
            LOG.info("{} InfluxDB from {} at {}", LOG_PREFIX, INFLUX_ENV, fromEnv);
            return stripSlash(fromEnv.strip());
        }
        if (InfluxServer.isAvailable()) {
            var server = InfluxServer.launch();
            LOG.info("{} InfluxDB is a local influxd {} at {}, log {}", LOG_PREFIX, server.version(), server.url(),
                    server.logFile());
            return server.url();
        }
        if (Containers.dockerAvailable()) {
            var url = Containers.influx();
            LOG.info("{} InfluxDB is a Testcontainers influxdb:1.8 at {}", LOG_PREFIX, url);
            return url;
        }
        throw new IllegalStateException("No InfluxDB for integration tests. Get one of: install InfluxDB 1.x so"
                + " `influxd` is on the PATH (Debian: apt-get install influxdb) or point " + InfluxServer.INFLUXD_ENV
                + " at the binary; or set " + INFLUX_ENV + "=http://host:8086 to use a running one;"
                + " or start a Docker engine for Testcontainers.");
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /**
     * Consumer settings with which the broker drops a member that is gone without leaving its group (a SIGKILLed
     * role; a closed Kafka Streams instance, which does not leave) after 6 s, its minimum session, rather than the
     * default 45 s, so that a restart gets the partitions in seconds. Each key is {@code prefix} (how the role takes
     * client settings, e.g. {@code "kafka."} or Streams' {@code "consumer."}) + the consumer setting.
     */
    public static Map<String, String> quickSessionExpiry(String prefix) {
        return Map.of(prefix + "session.timeout.ms", "6000", prefix + "heartbeat.interval.ms", "1000");
    }

    /** One service, chosen and started at most once; a failure is remembered so later tests fail fast. */
    private static final class Shared {
        private final String name;
        private final Supplier<String> chooser;
        private String endpoint;
        private RuntimeException failure;

        Shared(String name, Supplier<String> chooser) {
            this.name = name;
            this.chooser = chooser;
        }

        synchronized String get() {
            if (endpoint == null && failure == null) {
                try {
                    endpoint = chooser.get();
                } catch (RuntimeException e) {
                    failure = e;
                }
            }
            if (failure != null) {
                throw new IllegalStateException(name + " for tests unavailable: "
                        + failure.getMessage(), failure);
            }
            return endpoint;
        }
    }
}
