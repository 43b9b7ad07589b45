package io.heapstream.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Uuid;

/**
 * A real single-node KRaft Kafka broker (combined broker and controller) in a child JVM, listening on
 * free 127.0.0.1 ports, with its data in a temp directory. For fault tests that stop, kill and restart a
 * broker; everything else shares {@link TestServices#kafkaBootstrap()}.
 *
 * <p>Topics are not auto-created: create them with {@link TestServices#createTopic}. Offsets and
 * transaction state topics have replication factor 1, and consumer groups rebalance without delay.
 * The broker's log (log4j, WARN and up plus start lines) is {@link #logFile()}; the child JVM dies with the
 * test JVM. {@link #stop()} is a controlled shutdown, {@link #kill()} leaves the log to recover on restart.
 */
public final class KafkaBroker extends LocalServer {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);

    private final KafkaBrokerConfig config;

    /** The kit's JVM flags: room for every test's topics, quick to start. */
    public static final List<String> JVM_FLAGS = List.of("-Xms64m", "-Xmx768m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

    private KafkaBroker(KafkaBrokerConfig config, String classpath, List<String> jvmFlags) {
        super(new Spec("Kafka broker bootstrap=" + config.bootstrap(), config.home(), command(config, classpath, jvmFlags),
                config.consoleLog(), config.brokerLog(), READY_TIMEOUT, STOP_TIMEOUT));
        this.config = config;
    }

    /** True when this machine has the broker jars (this module's build resolved them, or they are on our classpath). */
    public static boolean isAvailable() {
        return KafkaBrokerClasspath.find().isPresent();
    }

    /** Formats a fresh data directory, starts the broker and returns once it answers an admin request. */
    public static KafkaBroker launch() {
        return launch(Map.of(), JVM_FLAGS);
    }

    /**
     * As {@link #launch()}, with {@code settings} over the kit's {@code server.properties} and {@code jvmFlags}
     * instead of {@link #JVM_FLAGS}: for a benchmark that measures a broker configured as a user would run it.
     */
    public static KafkaBroker launch(Map<String, String> settings, List<String> jvmFlags) {
        var classpath = KafkaBrokerClasspath.find().orElseThrow(() -> new IllegalStateException(
                "no Kafka broker jars: build the local module (./mvnw -pl local -am package) so that Maven resolves kafka_2.13"));
        var config = new KafkaBrokerConfig(Loopback.freePort(), Loopback.freePort(), Loopback.tempDir("heapstream-kafka-"));
        var broker = new KafkaBroker(config, classpath, List.copyOf(jvmFlags));
        try {
            Files.writeString(config.serverProperties(), config.serverPropertiesText(settings));
            Files.writeString(config.log4jConfig(), config.log4jText());
            broker.start();
            return broker;
        } catch (IOException e) {
            broker.close();
            throw new UncheckedIOException("cannot write the broker's configuration", e);
        } catch (RuntimeException e) {
            broker.close();
            throw e;
        }
    }

    /** {@code 127.0.0.1:port}, the same across restarts. */
    public String bootstrap() {
        return config.bootstrap();
    }

    private static List<String> command(KafkaBrokerConfig config, String classpath, List<String> jvmFlags) {
        var java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        var command = new ArrayList<String>();
        command.add(java);
        command.addAll(jvmFlags);
        command.addAll(List.of("-Djava.awt.headless=true",
                "-Dlog4j2.configurationFile=" + config.log4jConfig(),
                "-Dkafka.logs.dir=" + config.home(),
                "-cp", classpath,
                KafkaBrokerMain.class.getName(),
                config.serverProperties().toString(), config.dataDir().toString(), Uuid.randomUuid().toString()));
        return command;
    }

    @Override
    String diagnosis() {
        return Loopback.tail(config.consoleLog(), 20) + "\n" + Loopback.tail(config.brokerLog(), 20);
    }

    /** Ready once the broker lists itself in a metadata answer (it is unfenced: topics can be created). */
    @Override
    boolean answers() {
        if (!Loopback.accepts(config.brokerPort())) {
            return false;
        }
        try (var admin = Admin.create(Map.<String, Object>of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 2_000))) {
            var nodes = admin.describeCluster(new DescribeClusterOptions().timeoutMs(2_000)).nodes()
                    .get(3, TimeUnit.SECONDS);
            return !nodes.isEmpty();
        } catch (ExecutionException | TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
