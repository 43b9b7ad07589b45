package io.heapstream.app;

import io.heapstream.aggregator.AggregatorConfig;
import io.heapstream.aggregator.AggregatorService;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Wires flags → {@link AggregatorConfig} → {@link AggregatorService}; {@code --describe} prints the topology. */
@Command(name = "aggregator", mixinStandardHelpOptions = true,
        description = "Turn raw stats into rates and hierarchical rollups (Kafka Streams, exactly once).")
final class AggregatorCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Option(names = "--application-id", paramLabel = "ID", defaultValue = "${env:HEAPSTREAM_APPLICATION_ID:-heapstream-aggregator}",
            description = "Kafka Streams application id; instances with the same id share the work"
                    + " (env HEAPSTREAM_APPLICATION_ID; default ${DEFAULT-VALUE}).")
    String applicationId;

    @Option(names = "--window", paramLabel = "DURATION", defaultValue = "${env:HEAPSTREAM_WINDOW:-1m}",
            description = "Base window, e.g. 1m or 10s (env HEAPSTREAM_WINDOW; default ${DEFAULT-VALUE}).")
    String window;

    @Option(names = "--grace", paramLabel = "DURATION", defaultValue = "${env:HEAPSTREAM_GRACE:-30s}",
            description = "How long after a window's end late scrapes still count"
                    + " (env HEAPSTREAM_GRACE; default ${DEFAULT-VALUE}).")
    String grace;

    @Option(names = "--resolutions", paramLabel = "DURATION[,...]", defaultValue = "${env:HEAPSTREAM_RESOLUTIONS:-1h}",
            description = "Coarser resolutions built from the base windows, comma-separated, or none"
                    + " (env HEAPSTREAM_RESOLUTIONS; default ${DEFAULT-VALUE}).")
    String resolutions;

    @Option(names = "--idle-timeout", paramLabel = "DURATION", defaultValue = "${env:HEAPSTREAM_IDLE_TIMEOUT}",
            description = "Wall-clock quiet time after which a partition's open windows close"
                    + " (env HEAPSTREAM_IDLE_TIMEOUT; default window + grace).")
    String idleTimeout;

    @Option(names = "--raw-partitions", paramLabel = "N", defaultValue = "${env:HEAPSTREAM_RAW_PARTITIONS:-0}",
            description = "Partitions of the raw topic; 0 asks the broker (env HEAPSTREAM_RAW_PARTITIONS).")
    String rawPartitions;

    @Option(names = "--state-dir", paramLabel = "DIR", defaultValue = "${env:HEAPSTREAM_STATE_DIR}",
            description = "Directory of the RocksDB state (env HEAPSTREAM_STATE_DIR; default a temp directory).")
    String stateDir;

    @Option(names = "--stream-threads", paramLabel = "N", defaultValue = "${env:HEAPSTREAM_STREAM_THREADS:-1}",
            description = "Stream threads (env HEAPSTREAM_STREAM_THREADS; default ${DEFAULT-VALUE}).")
    String streamThreads;

    @Option(names = "--standby-replicas", paramLabel = "N", defaultValue = "${env:HEAPSTREAM_STANDBY_REPLICAS:-0}",
            description = "Warm state copies on other instances (env HEAPSTREAM_STANDBY_REPLICAS;"
                    + " default ${DEFAULT-VALUE}).")
    String standbyReplicas;

    @Option(names = "--replication-factor", paramLabel = "N", defaultValue = "${env:HEAPSTREAM_REPLICATION_FACTOR:--1}",
            description = "Replication of internal topics; -1 = broker default"
                    + " (env HEAPSTREAM_REPLICATION_FACTOR).")
    String replicationFactor;

    @Option(names = "--commit-interval", paramLabel = "DURATION", defaultValue = "${env:HEAPSTREAM_COMMIT_INTERVAL:-1s}",
            description = "Transaction commit interval (env HEAPSTREAM_COMMIT_INTERVAL; default ${DEFAULT-VALUE}).")
    String commitInterval;

    @Option(names = "--cache-max-bytes", paramLabel = "BYTES", defaultValue = "${env:HEAPSTREAM_CACHE_MAX_BYTES:-64m}",
            description = "Streams record cache (env HEAPSTREAM_CACHE_MAX_BYTES; default ${DEFAULT-VALUE}).")
    String cacheMaxBytes;

    @Option(names = "--rocksdb-block-cache", paramLabel = "BYTES", defaultValue = "${env:HEAPSTREAM_ROCKSDB_BLOCK_CACHE:-64m}",
            description = "RocksDB block cache shared by all stores (env HEAPSTREAM_ROCKSDB_BLOCK_CACHE;"
                    + " default ${DEFAULT-VALUE}).")
    String blockCache;

    @Option(names = "--rocksdb-write-buffer", paramLabel = "BYTES", defaultValue = "${env:HEAPSTREAM_ROCKSDB_WRITE_BUFFER:-16m}",
            description = "RocksDB memtable per store (env HEAPSTREAM_ROCKSDB_WRITE_BUFFER;"
                    + " default ${DEFAULT-VALUE}).")
    String writeBuffer;

    @Option(names = "--describe", description = "Print the topology and exit.")
    boolean describe;

    @Override
    public Integer call() throws InterruptedException {
        var config = AggregatorConfig.fromMap(settings());
        if (describe) {
            System.out.println(AggregatorService.describe(config));
            return 0;
        }
        try (var runtime = RoleRuntime.start("aggregator", common)) {
            var service = new AggregatorService(config, runtime.registry());
            runtime.readiness(service::isReady);
            runtime.liveness(service::isAlive);
            runtime.onStop(service::close);
            service.start();
            runtime.awaitStop();
        }
        return 0;
    }

    private Map<String, String> settings() {
        var map = new HashMap<String, String>();
        common.kafkaProperties().forEach((k, v) -> map.put(AggregatorConfig.KAFKA_PREFIX + k, v));
        put(map, "HEAPSTREAM_KAFKA_BOOTSTRAP", common.kafkaBootstrap());
        put(map, "HEAPSTREAM_RAW_TOPIC", common.rawTopic().name());
        put(map, "HEAPSTREAM_ROLLUP_TOPIC_PREFIX", common.rollupTopicPrefix());
        put(map, "HEAPSTREAM_LATE_TOPIC", common.lateTopic());
        put(map, "HEAPSTREAM_DEAD_LETTER_TOPIC", common.deadLetterTopic());
        put(map, "HEAPSTREAM_APPLICATION_ID", applicationId);
        put(map, "HEAPSTREAM_WINDOW", window);
        put(map, "HEAPSTREAM_GRACE", grace);
        put(map, "HEAPSTREAM_RESOLUTIONS", resolutions);
        put(map, "HEAPSTREAM_IDLE_TIMEOUT", idleTimeout);
        put(map, "HEAPSTREAM_RAW_PARTITIONS", rawPartitions);
        put(map, "HEAPSTREAM_STATE_DIR", stateDir);
        put(map, "HEAPSTREAM_STREAM_THREADS", streamThreads);
        put(map, "HEAPSTREAM_STANDBY_REPLICAS", standbyReplicas);
        put(map, "HEAPSTREAM_REPLICATION_FACTOR", replicationFactor);
        put(map, "HEAPSTREAM_COMMIT_INTERVAL", commitInterval);
        put(map, "HEAPSTREAM_CACHE_MAX_BYTES", cacheMaxBytes);
        put(map, "HEAPSTREAM_ROCKSDB_BLOCK_CACHE", blockCache);
        put(map, "HEAPSTREAM_ROCKSDB_WRITE_BUFFER", writeBuffer);
        return map;
    }

    private static void put(Map<String, String> map, String key, String value) {
        if (value != null && !value.isBlank()) {
            map.put(key, value);
        }
    }
}
