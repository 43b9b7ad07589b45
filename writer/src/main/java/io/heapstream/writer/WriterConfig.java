package io.heapstream.writer;

import static io.heapstream.writer.WriterSettings.BATCH_SIZE;
import static io.heapstream.writer.WriterSettings.FLUSH_INTERVAL;
import static io.heapstream.writer.WriterSettings.GROUP_ID;
import static io.heapstream.writer.WriterSettings.HEAPSTER_IMAGE_TAG;
import static io.heapstream.writer.WriterSettings.HEAPSTER_LABELS_TAG;
import static io.heapstream.writer.WriterSettings.INFLUX_DB;
import static io.heapstream.writer.WriterSettings.INFLUX_GZIP;
import static io.heapstream.writer.WriterSettings.INFLUX_PASSWORD;
import static io.heapstream.writer.WriterSettings.INFLUX_PASSWORD_FILE;
import static io.heapstream.writer.WriterSettings.INFLUX_TIMEOUT;
import static io.heapstream.writer.WriterSettings.INFLUX_URL;
import static io.heapstream.writer.WriterSettings.INFLUX_USER;
import static io.heapstream.writer.WriterSettings.MAX_PENDING_POINTS;
import static io.heapstream.writer.WriterSettings.NO_CREATE;
import static io.heapstream.writer.WriterSettings.RETENTION;
import static io.heapstream.writer.WriterSettings.RETRY_BACKOFF;
import static io.heapstream.writer.WriterSettings.RETRY_BACKOFF_MAX;
import static io.heapstream.writer.WriterSettings.SCHEMA;
import static io.heapstream.writer.WriterSettings.WRITE_PARALLELISM;

import io.heapstream.model.Topics;
import io.heapstream.model.settings.CommonSettings;
import io.heapstream.model.settings.SettingsReader;
import io.heapstream.writer.schema.HeapsterSchema;
import io.heapstream.writer.schema.InfluxSchema;
import io.heapstream.writer.schema.NativeSchema;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Everything the writer is told, built from a map keyed by environment variable names ({@link #fromMap}) as
 * declared in {@link WriterSettings}:
 * {@code System.getenv()} plus the command line in production, {@code Map.of(...)} in tests. Kafka client
 * settings (TLS, SASL, timeouts) come in as keys prefixed {@code kafka.}. {@link #toString()} masks the password.
 *
 * @param kafkaBootstrap      Kafka bootstrap servers
 * @param kafkaProperties     extra Kafka client settings, applied to the consumer and the dead-letter producer
 * @param groupId             consumer group; writers with the same group share the partitions
 * @param rollupTopicPrefix   rollup topics are prefix + resolution suffix ({@code heapstream.rollup.1m})
 * @param deadLetterTopic     where records go that cannot be read or that InfluxDB rejects as invalid
 * @param retention           the resolutions to consume (one topic each), each with how long InfluxDB keeps it
 *                            (zero = forever)
 * @param schema              {@code native} or {@code heapster}
 * @param influxUrl           InfluxDB 1.x base URL
 * @param influxDb            database (default by schema: {@code heapstream} or {@code k8s})
 * @param influxUser          user, or {@code null} for an unauthenticated InfluxDB
 * @param influxPassword      password (from the environment or a file, never a flag), or {@code null}
 * @param createDatabase      create the database and retention policies when missing
 * @param batchSize           points per InfluxDB write
 * @param flushInterval       longest a point waits for its batch to fill
 * @param maxPendingPoints    points held in memory before consumption pauses
 * @param writeParallelism    concurrent writes to InfluxDB (each partition always goes through the same one)
 * @param gzip                gzip request bodies
 * @param influxTimeout       connect/read/write timeout of one InfluxDB request
 * @param retryBackoff        first wait after a failed write; doubles per attempt, with jitter
 * @param retryBackoffMax     longest wait between attempts
 * @param heapsterLabelsTag   Heapster schema: write pod labels as the {@code labels} tag
 * @param heapsterImageTag    Heapster schema: write {@code container_base_image}
 */
public record WriterConfig(String kafkaBootstrap, Map<String, String> kafkaProperties, String groupId,
                           String rollupTopicPrefix, String deadLetterTopic, Map<Duration, Duration> retention,
                           String schema, String influxUrl, String influxDb, String influxUser,
                           String influxPassword, boolean createDatabase, int batchSize, Duration flushInterval,
                           int maxPendingPoints, int writeParallelism, boolean gzip, Duration influxTimeout,
                           Duration retryBackoff, Duration retryBackoffMax, boolean heapsterLabelsTag,
                           boolean heapsterImageTag) {

    public static final String KAFKA_PREFIX = "kafka.";

    public WriterConfig {
        kafkaProperties = Map.copyOf(kafkaProperties);
        retention = Map.copyOf(retention);
    }

    /**
     * Reads and checks every setting.
     *
     * @throws io.heapstream.model.settings.SettingsException listing every bad setting, each with its flag and
     *         environment variable
     */
    public static WriterConfig fromMap(Map<String, String> settings) {
        var in = new SettingsReader("writer", settings);
        String schema = in.get(SCHEMA);
        int batchSize = in.get(BATCH_SIZE);
        int maxPending = in.get(MAX_PENDING_POINTS);
        if (maxPending < batchSize) {
            in.problem(MAX_PENDING_POINTS, "must be at least --batch-size (" + batchSize + "), was " + maxPending);
        }
        var config = new WriterConfig(
                in.get(CommonSettings.KAFKA_BOOTSTRAP),
                in.withPrefix(KAFKA_PREFIX),
                in.get(GROUP_ID, "heapstream-writer-" + schema),
                in.get(CommonSettings.ROLLUP_TOPIC_PREFIX),
                in.get(CommonSettings.DEAD_LETTER_TOPIC),
                in.get(RETENTION),
                schema,
                in.get(INFLUX_URL),
                in.get(INFLUX_DB, "heapster".equals(schema) ? HeapsterSchema.DEFAULT_DATABASE
                        : NativeSchema.DEFAULT_DATABASE),
                in.get(INFLUX_USER),
                password(in),
                !in.get(NO_CREATE),
                batchSize,
                in.get(FLUSH_INTERVAL),
                maxPending,
                in.get(WRITE_PARALLELISM),
                in.get(INFLUX_GZIP),
                in.get(INFLUX_TIMEOUT),
                in.get(RETRY_BACKOFF),
                in.get(RETRY_BACKOFF_MAX),
                in.get(HEAPSTER_LABELS_TAG),
                in.get(HEAPSTER_IMAGE_TAG));
        in.throwIfInvalid();
        return config;
    }

    /** The schema these settings choose. */
    public InfluxSchema influxSchema() {
        return "heapster".equals(schema)
                ? new HeapsterSchema(influxDb, retention, heapsterLabelsTag, heapsterImageTag)
                : new NativeSchema(influxDb, retention);
    }

    /** The rollup topic of each configured resolution, finest first. */
    public List<String> rollupTopics() {
        return retention.keySet().stream().sorted().map(r -> rollupTopicPrefix + Topics.suffix(r)).toList();
    }

    @Override
    public String toString() {
        return "WriterConfig[kafkaBootstrap=" + kafkaBootstrap + ", kafkaProperties=" + kafkaProperties.keySet()
                + ", groupId=" + groupId + ", topics=" + rollupTopics() + ", deadLetterTopic=" + deadLetterTopic
                + ", retention=" + retention + ", schema=" + schema + ", influxUrl=" + influxUrl
                + ", influxDb=" + influxDb + ", influxUser=" + influxUser
                + ", influxPassword=" + (influxPassword == null ? "none" : "****")
                + ", createDatabase=" + createDatabase + ", batchSize=" + batchSize
                + ", flushInterval=" + flushInterval + ", maxPendingPoints=" + maxPendingPoints
                + ", writeParallelism=" + writeParallelism + ", gzip=" + gzip + ", influxTimeout=" + influxTimeout
                + ", retryBackoff=" + retryBackoff + ".." + retryBackoffMax
                + ", heapsterLabelsTag=" + heapsterLabelsTag + ", heapsterImageTag=" + heapsterImageTag + "]";
    }

    /**
     * From HEAPSTREAM_INFLUX_PASSWORD, or the file HEAPSTREAM_INFLUX_PASSWORD_FILE names: never from a flag. Public
     * for the other roles that use the same InfluxDB with the writer's credentials (the query API reads, the alerter
     * writes alert events).
     */
    public static String password(SettingsReader in) {
        String password = in.get(INFLUX_PASSWORD);
        String file = in.get(INFLUX_PASSWORD_FILE);
        if (password != null && file != null) {
            in.problem(INFLUX_PASSWORD_FILE, "set either it or HEAPSTREAM_INFLUX_PASSWORD, not both");
            return null;
        }
        if (file == null) {
            return password;
        }
        try {
            return Files.readString(Path.of(file), StandardCharsets.UTF_8).strip();
        } catch (IOException | RuntimeException e) {
            in.problem(INFLUX_PASSWORD_FILE, "cannot read " + file + ": " + e.getClass().getSimpleName());
            return null;
        }
    }
}
