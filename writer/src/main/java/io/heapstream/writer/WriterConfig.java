package io.heapstream.writer;

import io.heapstream.model.Topics;
import io.heapstream.writer.schema.HeapsterSchema;
import io.heapstream.writer.schema.InfluxSchema;
import io.heapstream.writer.schema.NativeSchema;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Everything the writer is told, built from a map keyed by environment variable names ({@link #fromMap}):
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
    static final Map<Duration, Duration> DEFAULT_RETENTION = Map.of(Duration.ofMinutes(1), Duration.ofDays(7),
            Duration.ofHours(1), Duration.ofDays(400));

    public WriterConfig {
        kafkaProperties = Map.copyOf(kafkaProperties);
        retention = Map.copyOf(retention);
    }

    /**
     * Reads and checks every setting.
     *
     * @throws IllegalArgumentException listing every bad setting, each with its flag and environment variable
     */
    public static WriterConfig fromMap(Map<String, String> settings) {
        var in = new ConfigReader(settings);
        String schema = in.parsed("HEAPSTREAM_SCHEMA", "--schema", "native", WriterConfig::schemaName);
        String schemaName = schema == null ? "native" : schema;
        var retention = retention(in);
        int batchSize = in.positiveInt("HEAPSTREAM_BATCH_SIZE", "--batch-size", 2000);
        int maxPending = in.positiveInt("HEAPSTREAM_MAX_PENDING_POINTS", "--max-pending-points", 50_000);
        if (maxPending < batchSize) {
            in.error("HEAPSTREAM_MAX_PENDING_POINTS", "--max-pending-points", "must be at least --batch-size ("
                    + batchSize + "), was " + maxPending);
        }
        String url = in.parsed("HEAPSTREAM_INFLUX_URL", "--influx-url", "http://localhost:8086", WriterConfig::url);
        var config = new WriterConfig(
                in.string("HEAPSTREAM_KAFKA_BOOTSTRAP", "localhost:9092"),
                kafkaProperties(settings),
                in.string("HEAPSTREAM_GROUP_ID", "heapstream-writer-" + schemaName),
                in.string("HEAPSTREAM_ROLLUP_TOPIC_PREFIX", Topics.DEFAULT_ROLLUP_PREFIX),
                in.string("HEAPSTREAM_DEAD_LETTER_TOPIC", Topics.DEFAULT_DEAD_LETTER),
                retention,
                schemaName,
                url,
                in.string("HEAPSTREAM_INFLUX_DB", "heapster".equals(schemaName)
                        ? HeapsterSchema.DEFAULT_DATABASE : NativeSchema.DEFAULT_DATABASE),
                in.raw("HEAPSTREAM_INFLUX_USER"),
                password(in),
                !in.bool("HEAPSTREAM_NO_CREATE", "--no-create", false),
                batchSize,
                in.positiveDuration("HEAPSTREAM_FLUSH_INTERVAL", "--flush-interval", "1s"),
                maxPending,
                in.positiveInt("HEAPSTREAM_WRITE_PARALLELISM", "--write-parallelism", 2),
                in.bool("HEAPSTREAM_INFLUX_GZIP", "--influx-gzip", false),
                in.positiveDuration("HEAPSTREAM_INFLUX_TIMEOUT", "--influx-timeout", "10s"),
                in.positiveDuration("HEAPSTREAM_RETRY_BACKOFF", "--retry-backoff", "500ms"),
                in.positiveDuration("HEAPSTREAM_RETRY_BACKOFF_MAX", "--retry-backoff-max", "30s"),
                in.bool("HEAPSTREAM_HEAPSTER_LABELS_TAG", "--heapster-labels-tag", true),
                in.bool("HEAPSTREAM_HEAPSTER_IMAGE_TAG", "--heapster-image-tag", true));
        in.throwIfInvalid("writer");
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

    private static String schemaName(String text) {
        String name = text.toLowerCase(Locale.ROOT);
        if (!name.equals("native") && !name.equals("heapster")) {
            throw new IllegalArgumentException("'" + text + "' is not a schema; use native or heapster");
        }
        return name;
    }

    private static String url(String text) {
        if (!text.startsWith("http://") && !text.startsWith("https://")) {
            throw new IllegalArgumentException("'" + text + "' is not an http:// or https:// URL");
        }
        return text;
    }

    /**
     * {@code --retention 1m=7d,1h=400d}: the resolutions to consume (one topic each) and how long InfluxDB keeps
     * each ({@code inf} = forever). One flag for both, so the list of topics and of policies cannot disagree.
     */
    private static Map<Duration, Duration> retention(ConfigReader in) {
        Map<Duration, Duration> given = in.parsed("HEAPSTREAM_RETENTION", "--retention", null, text -> {
            var map = new LinkedHashMap<Duration, Duration>();
            for (String part : text.split(",")) {
                String[] pair = part.split("=", 2);
                if (pair.length != 2) {
                    throw new IllegalArgumentException("'" + part + "' is not RESOLUTION=DURATION, e.g. 1m=7d");
                }
                var resolution = Durations.parse(pair[0]);
                Topics.suffix(resolution);
                String keep = pair[1].trim();
                map.put(resolution, keep.equalsIgnoreCase("inf") ? Duration.ZERO : Durations.parse(keep));
            }
            return map;
        });
        return given == null || given.isEmpty() ? DEFAULT_RETENTION : given;
    }

    /** From HEAPSTREAM_INFLUX_PASSWORD, or the file HEAPSTREAM_INFLUX_PASSWORD_FILE names: never from a flag. */
    private static String password(ConfigReader in) {
        String password = in.raw("HEAPSTREAM_INFLUX_PASSWORD");
        String file = in.raw("HEAPSTREAM_INFLUX_PASSWORD_FILE");
        if (password != null && file != null) {
            in.error("HEAPSTREAM_INFLUX_PASSWORD_FILE", "--influx-password-file",
                    "set either it or HEAPSTREAM_INFLUX_PASSWORD, not both");
            return null;
        }
        if (file == null) {
            return password;
        }
        try {
            return Files.readString(Path.of(file), StandardCharsets.UTF_8).strip();
        } catch (IOException | RuntimeException e) {
            in.error("HEAPSTREAM_INFLUX_PASSWORD_FILE", "--influx-password-file", "cannot read " + file + ": "
                    + e.getClass().getSimpleName());
            return null;
        }
    }

    private static Map<String, String> kafkaProperties(Map<String, String> settings) {
        var result = new LinkedHashMap<String, String>();
        settings.forEach((key, value) -> {
            if (key.startsWith(KAFKA_PREFIX) && value != null) {
                result.put(key.substring(KAFKA_PREFIX.length()), value);
            }
        });
        return result;
    }
}
