package io.heapstream.app;

import io.heapstream.writer.WriterConfig;
import io.heapstream.writer.WriterService;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Wires flags → {@link WriterConfig} → {@link WriterService}. Defaults and checks live in {@link WriterConfig};
 * the password is read from the environment or a file only, never from a flag that {@code ps} would show.
 */
@Command(name = "writer", mixinStandardHelpOptions = true,
        description = "Write rollups into InfluxDB 1.x, committing only what InfluxDB acknowledged."
                + " The password comes from HEAPSTREAM_INFLUX_PASSWORD or --influx-password-file.")
final class WriterCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Option(names = "--influx-url", defaultValue = "${env:HEAPSTREAM_INFLUX_URL}", paramLabel = "URL",
            description = "InfluxDB 1.x base URL (env HEAPSTREAM_INFLUX_URL; default http://localhost:8086).")
    String influxUrl;

    @Option(names = "--influx-db", defaultValue = "${env:HEAPSTREAM_INFLUX_DB}", paramLabel = "NAME",
            description = "Database (env HEAPSTREAM_INFLUX_DB; default heapstream, or k8s with --schema heapster).")
    String influxDb;

    @Option(names = "--influx-user", defaultValue = "${env:HEAPSTREAM_INFLUX_USER}", paramLabel = "USER",
            description = "InfluxDB user (env HEAPSTREAM_INFLUX_USER; default none: no authentication).")
    String influxUser;

    @Option(names = "--influx-password-file", defaultValue = "${env:HEAPSTREAM_INFLUX_PASSWORD_FILE}",
            paramLabel = "FILE", description = "File holding the InfluxDB password, e.g. a mounted Secret"
                    + " (env HEAPSTREAM_INFLUX_PASSWORD_FILE; or set HEAPSTREAM_INFLUX_PASSWORD itself).")
    String influxPasswordFile;

    @Option(names = "--schema", defaultValue = "${env:HEAPSTREAM_SCHEMA}", paramLabel = "native|heapster",
            description = "InfluxDB schema: native (measurement per level) or heapster (Heapster's own, for"
                    + " existing dashboards) (env HEAPSTREAM_SCHEMA; default native).")
    String schema;

    @Option(names = "--group-id", defaultValue = "${env:HEAPSTREAM_GROUP_ID}", paramLabel = "GROUP",
            description = "Consumer group; writers in one group share the partitions"
                    + " (env HEAPSTREAM_GROUP_ID; default heapstream-writer-<schema>).")
    String groupId;

    @Option(names = "--retention", defaultValue = "${env:HEAPSTREAM_RETENTION}", paramLabel = "RES=DURATION,...",
            description = "Resolutions to write (one rollup topic each) and how long InfluxDB keeps each,"
                    + " inf = forever (env HEAPSTREAM_RETENTION; default 1m=7d,1h=400d).")
    String retention;

    @Option(names = "--no-create", defaultValue = "${env:HEAPSTREAM_NO_CREATE}", arity = "0..1",
            fallbackValue = "true", paramLabel = "BOOL",
            description = "Do not create the database and retention policies (env HEAPSTREAM_NO_CREATE).")
    String noCreate;

    @Option(names = "--batch-size", defaultValue = "${env:HEAPSTREAM_BATCH_SIZE}", paramLabel = "POINTS",
            description = "Points per InfluxDB write (env HEAPSTREAM_BATCH_SIZE; default 2000).")
    String batchSize;

    @Option(names = "--flush-interval", defaultValue = "${env:HEAPSTREAM_FLUSH_INTERVAL}", paramLabel = "DURATION",
            description = "Longest a point waits for its batch to fill (env HEAPSTREAM_FLUSH_INTERVAL; default 1s).")
    String flushInterval;

    @Option(names = "--max-pending-points", defaultValue = "${env:HEAPSTREAM_MAX_PENDING_POINTS}",
            paramLabel = "POINTS", description = "Points held in memory before consumption pauses"
                    + " (env HEAPSTREAM_MAX_PENDING_POINTS; default 50000).")
    String maxPendingPoints;

    @Option(names = "--write-parallelism", defaultValue = "${env:HEAPSTREAM_WRITE_PARALLELISM}", paramLabel = "N",
            description = "Concurrent InfluxDB writes (env HEAPSTREAM_WRITE_PARALLELISM; default 2).")
    String writeParallelism;

    @Option(names = "--influx-gzip", defaultValue = "${env:HEAPSTREAM_INFLUX_GZIP}", arity = "0..1",
            fallbackValue = "true", paramLabel = "BOOL",
            description = "Gzip write requests (env HEAPSTREAM_INFLUX_GZIP; default false).")
    String gzip;

    @Option(names = "--influx-timeout", defaultValue = "${env:HEAPSTREAM_INFLUX_TIMEOUT}", paramLabel = "DURATION",
            description = "Timeout of one InfluxDB request (env HEAPSTREAM_INFLUX_TIMEOUT; default 10s).")
    String influxTimeout;

    @Option(names = "--retry-backoff", defaultValue = "${env:HEAPSTREAM_RETRY_BACKOFF}", paramLabel = "DURATION",
            description = "First wait after a failed write, doubled per attempt with jitter"
                    + " (env HEAPSTREAM_RETRY_BACKOFF; default 500ms).")
    String retryBackoff;

    @Option(names = "--retry-backoff-max", defaultValue = "${env:HEAPSTREAM_RETRY_BACKOFF_MAX}",
            paramLabel = "DURATION",
            description = "Longest wait between attempts (env HEAPSTREAM_RETRY_BACKOFF_MAX; default 30s).")
    String retryBackoffMax;

    @Option(names = "--heapster-labels-tag", defaultValue = "${env:HEAPSTREAM_HEAPSTER_LABELS_TAG}", arity = "0..1",
            fallbackValue = "true", paramLabel = "BOOL",
            description = "Heapster schema: write pod labels as the labels tag; false cuts series"
                    + " (env HEAPSTREAM_HEAPSTER_LABELS_TAG; default true).")
    String heapsterLabelsTag;

    @Option(names = "--heapster-image-tag", defaultValue = "${env:HEAPSTREAM_HEAPSTER_IMAGE_TAG}", arity = "0..1",
            fallbackValue = "true", paramLabel = "BOOL",
            description = "Heapster schema: write container_base_image; false cuts series"
                    + " (env HEAPSTREAM_HEAPSTER_IMAGE_TAG; default true).")
    String heapsterImageTag;

    @Override
    public Integer call() throws InterruptedException {
        WriterConfig config;
        try {
            config = WriterConfig.fromMap(settings());
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        try (var runtime = RoleRuntime.start("writer", common)) {
            var service = new WriterService(config, runtime.registry());
            runtime.readiness(service::isReady);
            runtime.liveness(service::isAlive);
            runtime.onStop(service::stop);
            service.start();
            runtime.awaitStop();
        }
        return 0;
    }

    private Map<String, String> settings() {
        var map = new HashMap<String, String>();
        common.kafkaProperties().forEach((k, v) -> map.put(WriterConfig.KAFKA_PREFIX + k, v));
        put(map, "HEAPSTREAM_KAFKA_BOOTSTRAP", common.kafkaBootstrap());
        put(map, "HEAPSTREAM_ROLLUP_TOPIC_PREFIX", common.rollupTopicPrefix());
        put(map, "HEAPSTREAM_DEAD_LETTER_TOPIC", common.deadLetterTopic());
        put(map, "HEAPSTREAM_INFLUX_URL", influxUrl);
        put(map, "HEAPSTREAM_INFLUX_DB", influxDb);
        put(map, "HEAPSTREAM_INFLUX_USER", influxUser);
        put(map, "HEAPSTREAM_INFLUX_PASSWORD", System.getenv("HEAPSTREAM_INFLUX_PASSWORD"));
        put(map, "HEAPSTREAM_INFLUX_PASSWORD_FILE", influxPasswordFile);
        put(map, "HEAPSTREAM_SCHEMA", schema);
        put(map, "HEAPSTREAM_GROUP_ID", groupId);
        put(map, "HEAPSTREAM_RETENTION", retention);
        put(map, "HEAPSTREAM_NO_CREATE", noCreate);
        put(map, "HEAPSTREAM_BATCH_SIZE", batchSize);
        put(map, "HEAPSTREAM_FLUSH_INTERVAL", flushInterval);
        put(map, "HEAPSTREAM_MAX_PENDING_POINTS", maxPendingPoints);
        put(map, "HEAPSTREAM_WRITE_PARALLELISM", writeParallelism);
        put(map, "HEAPSTREAM_INFLUX_GZIP", gzip);
        put(map, "HEAPSTREAM_INFLUX_TIMEOUT", influxTimeout);
        put(map, "HEAPSTREAM_RETRY_BACKOFF", retryBackoff);
        put(map, "HEAPSTREAM_RETRY_BACKOFF_MAX", retryBackoffMax);
        put(map, "HEAPSTREAM_HEAPSTER_LABELS_TAG", heapsterLabelsTag);
        put(map, "HEAPSTREAM_HEAPSTER_IMAGE_TAG", heapsterImageTag);
        return map;
    }

    private static void put(Map<String, String> map, String key, String value) {
        if (value != null && !value.isBlank()) {
            map.put(key, value);
        }
    }
}
