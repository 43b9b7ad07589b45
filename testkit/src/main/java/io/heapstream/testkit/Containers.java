package io.heapstream.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Properties;

import io.heapstream.local.KafkaBroker;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The last resort for people with a Docker engine and neither broker jars nor influxd. Kept apart so
 * Testcontainers' classes load only on this path. Containers live until the JVM exits (Ryuk reaps them).
 */
final class Containers {

    static final String INFLUX_IMAGE = "influxdb:1.8";

    private Containers() { }

    static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    /** An apache/kafka broker of the version our clients are, with the same no-auto-create rule as {@link KafkaBroker}. */
    @SuppressWarnings("resource") // lives for the JVM
    static String kafka() {
        var container = new KafkaContainer(DockerImageName.parse("apache/kafka:" + kafkaClientsVersion()))
                .withEnv("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false")
                .withEnv("KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS", "0");
        container.start();
        return container.getBootstrapServers();
    }

    @SuppressWarnings("resource") // lives for the JVM
    static String influx() {
        var container = new GenericContainer<>(DockerImageName.parse(INFLUX_IMAGE))
                .withExposedPorts(8086)
                .withEnv("INFLUXDB_REPORTING_DISABLED", "true")
                .withEnv("INFLUXDB_DATA_MAX_SERIES_PER_DATABASE", "0")
                .withEnv("INFLUXDB_DATA_MAX_VALUES_PER_TAG", "0")
                .waitingFor(Wait.forHttp("/ping").forStatusCode(204));
        container.start();
        return "http://" + container.getHost() + ":" + container.getMappedPort(8086);
    }

    /** The version of the kafka-clients jar on our classpath, from the file it ships for that purpose. */
    private static String kafkaClientsVersion() {
        try (var in = org.apache.kafka.clients.admin.Admin.class.getResourceAsStream("/kafka/kafka-version.properties")) {
            var properties = new Properties();
            if (in != null) {
                properties.load(in);
            }
            return properties.getProperty("version", "latest");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the kafka-clients version", e);
        }
    }
}
