package io.heapstream.model.settings;

import io.heapstream.model.Topics;
import java.util.List;

/** The settings every role shares (README's "Configuration" table), so that roles agree and scripts can drive them. */
public final class CommonSettings {
    public static final Setting<String> KAFKA_BOOTSTRAP = Setting.flag("--kafka-bootstrap", SettingType.STRING)
            .label("HOST:PORT[,...]").defaultValue("localhost:9092").description("Kafka bootstrap servers");
    public static final Setting<String> KAFKA_CONFIG = Setting.flag("--kafka-config", SettingType.STRING)
            .label("FILE").description("properties file with extra Kafka client settings, e.g. TLS or SASL");
    public static final Setting<String> CLUSTER = Setting.flag("--cluster", SettingType.STRING).label("NAME")
            .defaultNote("none (the collector requires it)")
            .description("name of this Kubernetes cluster; every record carries it");
    public static final Setting<Integer> HTTP_PORT = Setting.flag("--http-port", SettingType.INTEGER).label("PORT")
            .defaultValue("8080").check(port -> port >= 0 && port <= 65535, "must be a port from 0 to 65535")
            .description("port of `/healthz`, `/readyz` and `/metrics`; `0` picks a free port and logs it");
    public static final Setting<String> HTTP_ADDRESS = Setting.flag("--http-address", SettingType.STRING)
            .label("ADDRESS").defaultValue("127.0.0.1")
            .description("address the health and metrics server binds; `0.0.0.0` in a pod");
    public static final Setting<String> RAW_TOPIC = Setting.flag("--raw-topic", SettingType.STRING).label("TOPIC")
            .defaultValue(Topics.DEFAULT_RAW).description("topic of raw scrapes");
    public static final Setting<String> ROLLUP_TOPIC_PREFIX = Setting.flag("--rollup-topic-prefix",
                    SettingType.STRING).label("PREFIX").defaultValue(Topics.DEFAULT_ROLLUP_PREFIX)
            .description("rollup topics are the prefix + a resolution, e.g. `heapstream.rollup.1m`");
    public static final Setting<String> DEAD_LETTER_TOPIC = Setting.flag("--dead-letter-topic", SettingType.STRING)
            .label("TOPIC").defaultValue(Topics.DEFAULT_DEAD_LETTER)
            .description("topic of records that cannot be read or written");
    public static final Setting<String> LATE_TOPIC = Setting.flag("--late-topic", SettingType.STRING)
            .label("TOPIC").defaultValue(Topics.DEFAULT_LATE)
            .description("topic of samples that arrived after their window closed");

    /** In the order of the README's table. */
    public static final List<Setting<?>> ALL = List.of(KAFKA_BOOTSTRAP, KAFKA_CONFIG, CLUSTER, HTTP_PORT,
            HTTP_ADDRESS, RAW_TOPIC, ROLLUP_TOPIC_PREFIX, DEAD_LETTER_TOPIC, LATE_TOPIC);

    private CommonSettings() { }
}
