package io.heapstream.alerter;

import static java.util.Objects.requireNonNull;

import io.heapstream.aggregator.CountingDeadLetterHandler;
import io.heapstream.alerter.delivery.DeliverySettings;
import io.heapstream.alerter.delivery.InfluxTarget;
import io.heapstream.alerter.rules.Rule;
import io.heapstream.alerter.stream.AlertSettings;
import io.heapstream.model.Topics;
import io.heapstream.model.settings.CommonSettings;
import io.heapstream.model.settings.SettingsReader;
import io.heapstream.writer.WriterConfig;
import io.heapstream.writer.WriterSettings;
import io.heapstream.writer.schema.NativeSchema;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Everything the alerter is told: {@link #fromMap} from the declared settings, or built directly in tests.
 *
 * @param kafkaBootstrap  brokers
 * @param kafkaProperties extra client settings (TLS, SASL) for Streams and the delivery consumer
 * @param applicationId   Kafka Streams application id (instances with the same id share the rollup partitions)
 * @param rollupTopic     the rollup topic evaluated
 * @param alertsTopic     where events go (create it like the rollup topics; docs/alerts.md)
 * @param deadLetterTopic where unreadable rollups go
 * @param rulesFile       the rules (docs/alerts.md); {@code null}: the default rules
 * @param stateDir        RocksDB state
 * @param staleAfter      a pending or firing series missing this long from its partition is gone
 * @param checkInterval   how often absences and gone series are looked for
 * @param commitInterval  transaction commit interval (events are visible to delivery after a commit)
 * @param alertmanagers   Alertmanager base URLs
 * @param webhooks        webhook URLs
 * @param resendInterval  re-send of firing alerts to Alertmanager
 * @param rulesCheckInterval how often the rules file is checked for a change (reloaded when it changed)
 * @param influx          the InfluxDB alert events are written to, or null
 * @param evaluate        false: delivery only, the rules are evaluated in the aggregator ({@code --alert-rules})
 */
public record AlerterConfig(String kafkaBootstrap, Map<String, String> kafkaProperties, String applicationId,
                            String rollupTopic, String alertsTopic, String deadLetterTopic, Path rulesFile,
                            String stateDir, Duration staleAfter, Duration checkInterval, Duration commitInterval,
                            List<URI> alertmanagers, List<URI> webhooks, Duration resendInterval,
                            Duration rulesCheckInterval, InfluxTarget influx, boolean evaluate) {
    /** Evaluating and delivering (the role's default). */
    public AlerterConfig(String kafkaBootstrap, Map<String, String> kafkaProperties, String applicationId,
                         String rollupTopic, String alertsTopic, String deadLetterTopic, Path rulesFile,
                         String stateDir, Duration staleAfter, Duration checkInterval, Duration commitInterval,
                         List<URI> alertmanagers, List<URI> webhooks, Duration resendInterval,
                         Duration rulesCheckInterval, InfluxTarget influx) {
        this(kafkaBootstrap, kafkaProperties, applicationId, rollupTopic, alertsTopic, deadLetterTopic, rulesFile,
                stateDir, staleAfter, checkInterval, commitInterval, alertmanagers, webhooks, resendInterval,
                rulesCheckInterval, influx, true);
    }

    public AlerterConfig {
        requireNonNull(kafkaBootstrap, "kafkaBootstrap");
        kafkaProperties = Map.copyOf(kafkaProperties);
        alertmanagers = List.copyOf(alertmanagers);
        webhooks = List.copyOf(webhooks);
    }

    public static final String KAFKA_PREFIX = "kafka.";

    /**
     * Reads and checks every setting ({@link AlerterSettings}, the shared ones) from a map keyed by environment
     * variable name; Kafka client settings come as keys prefixed {@value #KAFKA_PREFIX}.
     *
     * @throws io.heapstream.model.settings.SettingsException naming every bad setting
     */
    public static AlerterConfig fromMap(Map<String, String> map) {
        var in = new SettingsReader("alerter", map);
        var resolution = in.get(AlerterSettings.RESOLUTION);
        String suffix = "1m";
        try {
            suffix = Topics.suffix(resolution);
        } catch (IllegalArgumentException e) {
            in.problem(AlerterSettings.RESOLUTION, e.getMessage());
        }
        var rules = in.get(AlerterSettings.RULES);
        var config = new AlerterConfig(in.get(CommonSettings.KAFKA_BOOTSTRAP), in.withPrefix(KAFKA_PREFIX),
                in.get(AlerterSettings.APPLICATION_ID), in.get(CommonSettings.ROLLUP_TOPIC_PREFIX) + suffix,
                in.get(AlerterSettings.ALERTS_TOPIC), in.get(CommonSettings.DEAD_LETTER_TOPIC),
                rules == null ? null : Path.of(rules),
                in.get(AlerterSettings.STATE_DIR, System.getProperty("java.io.tmpdir") + "/heapstream-alerter"),
                in.get(AlerterSettings.STALE_AFTER), in.get(AlerterSettings.CHECK_INTERVAL),
                in.get(AlerterSettings.COMMIT_INTERVAL), in.get(AlerterSettings.ALERTMANAGER_URL, List.of()),
                in.get(AlerterSettings.WEBHOOK_URL, List.of()), in.get(AlerterSettings.RESEND_INTERVAL),
                in.get(AlerterSettings.RULES_CHECK_INTERVAL), influx(in), in.get(AlerterSettings.EVALUATE));
        in.throwIfInvalid();
        return config;
    }

    /** The writer's InfluxDB settings, read only with {@code --influx-alerts}. */
    private static InfluxTarget influx(SettingsReader in) {
        if (!in.get(AlerterSettings.INFLUX_ALERTS)) {
            return null;
        }
        return new InfluxTarget(in.get(WriterSettings.INFLUX_URL), in.get(WriterSettings.INFLUX_DB,
                NativeSchema.DEFAULT_DATABASE), in.get(WriterSettings.INFLUX_USER), WriterConfig.password(in));
    }

    AlertSettings alertSettings(List<Rule> rules) {
        return new AlertSettings(rollupTopic, alertsTopic, rules, staleAfter, checkInterval);
    }

    DeliverySettings deliverySettings() {
        return new DeliverySettings(alertsTopic, applicationId + "-delivery", alertmanagers, webhooks, "heapstream",
                resendInterval, Duration.ofSeconds(10), Duration.ofMinutes(1));
    }

    /** Exactly once, explicit names, unreadable rollups to the dead-letter topic, the user's extras. */
    Properties streamsProperties() {
        var p = new Properties();
        p.putAll(kafkaProperties);
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, kafkaBootstrap);
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        p.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
        p.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, CountingDeadLetterHandler.class);
        p.put(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, deadLetterTopic);
        p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir);
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, commitInterval.toMillis());
        // a first start evaluates from now on, not the topic's days of history (the user's setting wins)
        p.putIfAbsent(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "latest");
        p.put(StreamsConfig.producerPrefix(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG), 60_000);
        return p;
    }

    /** The delivery consumer's client settings (its group and offsets policy are set by the delivery). */
    Properties deliveryConsumerProperties() {
        var p = new Properties();
        p.putAll(kafkaProperties);
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafkaBootstrap);
        return p;
    }

    @Override
    public String toString() {
        return "AlerterConfig[kafkaBootstrap=" + kafkaBootstrap + ", kafkaProperties=" + kafkaProperties.keySet()
                + ", applicationId=" + applicationId + ", rollupTopic=" + rollupTopic + ", alertsTopic=" + alertsTopic
                + ", deadLetterTopic=" + deadLetterTopic + ", rulesFile=" + rulesFile + ", stateDir=" + stateDir
                + ", staleAfter=" + staleAfter + ", checkInterval=" + checkInterval + ", commitInterval="
                + commitInterval + ", alertmanagers=" + alertmanagers + ", webhooks=" + webhooks.size()
                + ", resendInterval=" + resendInterval + ", rulesCheckInterval=" + rulesCheckInterval + ", influx=" + influx
                + ", evaluate=" + evaluate + "]";
    }
}
