package io.heapstream.app;

import io.heapstream.model.Topic;
import io.heapstream.model.Topics;
import io.heapstream.model.raw.RawScrape;
import io.heapstream.model.rollup.Rollup;
import io.heapstream.model.rollup.RollupKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import picocli.CommandLine.Option;

/**
 * Flags every role shares, so roles agree and scripts can drive them. Each flag falls back to an environment
 * variable of the same name ({@code --kafka-bootstrap} / {@code HEAPSTREAM_KAFKA_BOOTSTRAP}).
 */
public final class CommonOptions {

    @Option(names = "--kafka-bootstrap", paramLabel = "HOST:PORT[,...]",
            defaultValue = "${env:HEAPSTREAM_KAFKA_BOOTSTRAP:-localhost:9092}",
            description = "Kafka bootstrap servers (env HEAPSTREAM_KAFKA_BOOTSTRAP; default ${DEFAULT-VALUE}).")
    String kafkaBootstrap;

    @Option(names = "--kafka-config", paramLabel = "FILE",
            defaultValue = "${env:HEAPSTREAM_KAFKA_CONFIG}",
            description = "Properties file with extra Kafka client settings, e.g. TLS or SASL"
                    + " (env HEAPSTREAM_KAFKA_CONFIG).")
    Path kafkaConfig;

    @Option(names = "--cluster", paramLabel = "NAME", defaultValue = "${env:HEAPSTREAM_CLUSTER}",
            description = "Name of this Kubernetes cluster; every record carries it (env HEAPSTREAM_CLUSTER).")
    String cluster;

    @Option(names = "--http-port", paramLabel = "PORT", defaultValue = "${env:HEAPSTREAM_HTTP_PORT:-8080}",
            description = "Port of /healthz, /readyz and /metrics; 0 picks a free port and logs it"
                    + " (env HEAPSTREAM_HTTP_PORT; default ${DEFAULT-VALUE}).")
    int httpPort;

    @Option(names = "--http-address", paramLabel = "ADDRESS",
            defaultValue = "${env:HEAPSTREAM_HTTP_ADDRESS:-127.0.0.1}",
            description = "Address the health/metrics server binds; 0.0.0.0 in a pod"
                    + " (env HEAPSTREAM_HTTP_ADDRESS; default ${DEFAULT-VALUE}).")
    String httpAddress;

    @Option(names = "--raw-topic", paramLabel = "TOPIC", defaultValue = "${env:HEAPSTREAM_RAW_TOPIC:-"
            + Topics.DEFAULT_RAW + "}",
            description = "Topic of raw scrapes (env HEAPSTREAM_RAW_TOPIC; default ${DEFAULT-VALUE}).")
    String rawTopic;

    @Option(names = "--rollup-topic-prefix", paramLabel = "PREFIX",
            defaultValue = "${env:HEAPSTREAM_ROLLUP_TOPIC_PREFIX:-" + Topics.DEFAULT_ROLLUP_PREFIX + "}",
            description = "Rollup topics are PREFIX + resolution, e.g. heapstream.rollup.1m"
                    + " (env HEAPSTREAM_ROLLUP_TOPIC_PREFIX; default ${DEFAULT-VALUE}).")
    String rollupTopicPrefix;

    @Option(names = "--dead-letter-topic", paramLabel = "TOPIC",
            defaultValue = "${env:HEAPSTREAM_DEAD_LETTER_TOPIC:-" + Topics.DEFAULT_DEAD_LETTER + "}",
            description = "Topic for records that cannot be read or written"
                    + " (env HEAPSTREAM_DEAD_LETTER_TOPIC; default ${DEFAULT-VALUE}).")
    String deadLetterTopic;

    @Option(names = "--late-topic", paramLabel = "TOPIC",
            defaultValue = "${env:HEAPSTREAM_LATE_TOPIC:-" + Topics.DEFAULT_LATE + "}",
            description = "Topic for samples that arrived after their window closed"
                    + " (env HEAPSTREAM_LATE_TOPIC; default ${DEFAULT-VALUE}).")
    String lateTopic;

    public String kafkaBootstrap() {
        return kafkaBootstrap;
    }

    public String cluster() {
        return cluster;
    }

    public int httpPort() {
        return httpPort;
    }

    public String httpAddress() {
        return httpAddress;
    }

    public Topic<String, RawScrape> rawTopic() {
        return Topics.raw(rawTopic);
    }

    public Topic<RollupKey, Rollup> rollupTopic(Duration resolution) {
        return Topics.rollup(rollupTopicPrefix + Topics.suffix(resolution));
    }

    public String rollupTopicPrefix() {
        return rollupTopicPrefix;
    }

    public String deadLetterTopic() {
        return deadLetterTopic;
    }

    public String lateTopic() {
        return lateTopic;
    }

    /** Extra Kafka client settings from {@code --kafka-config} (empty without it), as strings. */
    public Map<String, String> kafkaProperties() {
        var result = new LinkedHashMap<String, String>();
        if (kafkaConfig == null) {
            return result;
        }
        var properties = new Properties();
        try (var in = Files.newInputStream(kafkaConfig)) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read --kafka-config " + kafkaConfig + ": " + e.getMessage(), e);
        }
        properties.stringPropertyNames().forEach(name -> result.put(name, properties.getProperty(name)));
        return result;
    }
}
