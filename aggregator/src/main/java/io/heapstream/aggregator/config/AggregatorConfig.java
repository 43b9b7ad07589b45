package io.heapstream.aggregator.config;

import static io.heapstream.aggregator.config.AggregatorSettings.APPLICATION_ID;
import static io.heapstream.aggregator.config.AggregatorSettings.CACHE_MAX_BYTES;
import static io.heapstream.aggregator.config.AggregatorSettings.COMMIT_INTERVAL;
import static io.heapstream.aggregator.config.AggregatorSettings.GRACE;
import static io.heapstream.aggregator.config.AggregatorSettings.IDLE_TIMEOUT;
import static io.heapstream.aggregator.config.AggregatorSettings.RAW_PARTITIONS;
import static io.heapstream.aggregator.config.AggregatorSettings.REPLICATION_FACTOR;
import static io.heapstream.aggregator.config.AggregatorSettings.RESOLUTIONS;
import static io.heapstream.aggregator.config.AggregatorSettings.ROCKSDB_BLOCK_CACHE;
import static io.heapstream.aggregator.config.AggregatorSettings.ROCKSDB_WRITE_BUFFER;
import static io.heapstream.aggregator.config.AggregatorSettings.STANDBY_REPLICAS;
import static io.heapstream.aggregator.config.AggregatorSettings.STATE_DIR;
import static io.heapstream.aggregator.config.AggregatorSettings.STREAM_THREADS;
import static io.heapstream.aggregator.config.AggregatorSettings.WINDOW;

import io.heapstream.aggregator.RollupSettings;
import io.heapstream.model.settings.CommonSettings;
import io.heapstream.model.settings.SettingsReader;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;

/**
 * Everything the aggregator is told, from a map keyed by environment variable names ({@link #fromMap}), as
 * declared in {@link AggregatorSettings}: the environment plus the command line in production, {@code Map.of(...)} in tests. Extra Kafka client
 * settings (TLS, SASL) come as keys prefixed {@code kafka.}; {@link #toString()} lists their names only.
 *
 * @param applicationId    Kafka Streams application id: instances with the same id share the partitions
 * @param rawPartitions    partitions of the raw topic; 0 = ask the broker at start
 * @param idleTimeout      silence (counted while the broker answers) after which a node or a partition counts as quiet
 * @param standbyReplicas  warm copies of each task's state on other instances (faster fail-over)
 * @param commitInterval   how often a transaction commits (output latency vs. throughput)
 * @param cacheMaxBytes    Streams record cache, shared by the threads (dedups state writes between commits)
 * @param blockCacheBytes  RocksDB block cache shared by every store of the instance
 * @param writeBufferBytes RocksDB memtable size per store
 */
public record AggregatorConfig(String kafkaBootstrap, Map<String, String> kafkaProperties, String applicationId,
                               String rawTopic, String rollupTopicPrefix, String lateTopic, String deadLetterTopic,
                               Duration window, Duration grace, List<Duration> coarser, Duration idleTimeout,
                               int rawPartitions, String stateDir, int streamThreads, int standbyReplicas,
                               int replicationFactor, Duration commitInterval, long cacheMaxBytes,
                               long blockCacheBytes, long writeBufferBytes) {
    public static final String KAFKA_PREFIX = "kafka.";
    /** Longest an idle stream thread waits in poll() before it looks at its tasks again. */
    static final Duration POLL = Duration.ofSeconds(1);

    public AggregatorConfig {
        kafkaProperties = Map.copyOf(kafkaProperties);
        coarser = List.copyOf(coarser);
    }

    /**
     * Reads and checks every setting.
     *
     * @throws IllegalArgumentException naming every bad setting with its flag and environment variable
     */
    public static AggregatorConfig fromMap(Map<String, String> map) {
        var in = new SettingsReader("aggregator", map);
        var window = in.get(WINDOW);
        var grace = in.get(GRACE);
        var config = new AggregatorConfig(
                in.get(CommonSettings.KAFKA_BOOTSTRAP),
                in.withPrefix(KAFKA_PREFIX),
                in.get(APPLICATION_ID),
                in.get(CommonSettings.RAW_TOPIC),
                in.get(CommonSettings.ROLLUP_TOPIC_PREFIX),
                in.get(CommonSettings.LATE_TOPIC),
                in.get(CommonSettings.DEAD_LETTER_TOPIC),
                window, grace, in.get(RESOLUTIONS),
                in.get(IDLE_TIMEOUT, window.plus(grace)),
                in.get(RAW_PARTITIONS),
                in.get(STATE_DIR, System.getProperty("java.io.tmpdir") + "/heapstream-aggregator"),
                in.get(STREAM_THREADS),
                in.get(STANDBY_REPLICAS),
                in.get(REPLICATION_FACTOR),
                in.get(COMMIT_INTERVAL),
                in.get(CACHE_MAX_BYTES),
                in.get(ROCKSDB_BLOCK_CACHE),
                in.get(ROCKSDB_WRITE_BUFFER));
        try {
            config.settings(1);
        } catch (IllegalArgumentException e) {
            in.problem(WINDOW, e.getMessage());
        }
        in.throwIfInvalid();
        return config;
    }

    /** The topology's settings, once the raw topic's partition count is known. */
    public RollupSettings settings(int partitions) {
        return RollupSettings.of(window, grace, coarser, partitions).withTopics(rawTopic, rollupTopicPrefix, lateTopic)
                .withIdleTimeout(idleTimeout);
    }

    /** Kafka Streams properties: exactly once, explicit names, dead letters, RocksDB tuning, the user's extras. */
    public Properties streamsProperties() {
        var p = new Properties();
        // an idle stream thread wakes every poll.ms and walks all its tasks: at Streams' 100 ms that loop was the
        // largest part of a 7-node aggregator's CPU after the JIT (docs/benchmarks-central.md). Records still end
        // the wait as they arrive, and a closing window commits in the same loop (context.commit()), so only the
        // wall-clock idle checks run up to a second later. The user's kafka settings may set it.
        p.put(StreamsConfig.POLL_MS_CONFIG, POLL.toMillis());
        p.putAll(kafkaProperties);
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, kafkaBootstrap);
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        p.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
        p.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, LogAndContinueExceptionHandler.class);
        p.put(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, deadLetterTopic);
        p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir);
        p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, streamThreads);
        p.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, standbyReplicas);
        p.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, replicationFactor);
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, commitInterval.toMillis());
        p.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, cacheMaxBytes);
        p.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, RocksDbTuning.class);
        p.put(RocksDbTuning.BLOCK_CACHE_BYTES, blockCacheBytes);
        p.put(RocksDbTuning.WRITE_BUFFER_BYTES, writeBufferBytes);
        // raw scrapes are tens of kB: Streams' defaults (1000 buffered records per partition, 50 MB fetches)
        // keep hundreds of MB of them alive, and every young GC copies them; buffer a little, fetch often
        p.put(StreamsConfig.BUFFERED_RECORDS_PER_PARTITION_CONFIG, 100);
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.MAX_POLL_RECORDS_CONFIG), 200);
        // a window-closing pass over a large partition can take seconds on a busy machine: do not let the
        // broker abort the transaction under it (Streams' EOS default is 10 s)
        p.put(StreamsConfig.producerPrefix(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG), 60_000);
        // fetch.max.wait.ms stays at Kafka's 500 ms: Streams pauses a partition whose buffer is full, and a
        // resumed one is not fetched until the fetch parked for the others returns; at 5 s that stalled the
        // catch-up after a broker outage (BrokerOutageEndToEndIT), for a saving of 1-2 idle requests a second
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.FETCH_MAX_BYTES_CONFIG), 16 << 20);
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG), 4 << 20);
        p.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), 20);
        p.put(StreamsConfig.producerPrefix(ProducerConfig.BATCH_SIZE_CONFIG), 256 << 10);
        // the aggregator writes ~11 times the raw topic's bytes (rollup JSON, state changelogs; bench/aggregator):
        // lz4 cuts them ~4x for the brokers, their disks and replicas at about the CPU it saves the broker; a
        // compression the user set, for all clients or for the producer, wins
        if (!kafkaProperties.containsKey(ProducerConfig.COMPRESSION_TYPE_CONFIG)
                && !kafkaProperties.containsKey(StreamsConfig.producerPrefix(ProducerConfig.COMPRESSION_TYPE_CONFIG))) {
            p.put(StreamsConfig.producerPrefix(ProducerConfig.COMPRESSION_TYPE_CONFIG), "lz4");
        }
        return p;
    }

    @Override
    public String toString() {
        return "AggregatorConfig[kafkaBootstrap=" + kafkaBootstrap + ", kafkaProperties=" + kafkaProperties.keySet()
                + ", applicationId=" + applicationId + ", rawTopic=" + rawTopic + ", rollupTopicPrefix="
                + rollupTopicPrefix + ", lateTopic=" + lateTopic + ", deadLetterTopic=" + deadLetterTopic
                + ", window=" + window + ", grace=" + grace + ", coarser=" + coarser + ", idleTimeout=" + idleTimeout
                + ", rawPartitions=" + (rawPartitions == 0 ? "from broker" : rawPartitions) + ", stateDir=" + stateDir
                + ", streamThreads=" + streamThreads + ", standbyReplicas=" + standbyReplicas
                + ", replicationFactor=" + replicationFactor + ", commitInterval=" + commitInterval
                + ", cacheMaxBytes=" + cacheMaxBytes + ", blockCacheBytes=" + blockCacheBytes
                + ", writeBufferBytes=" + writeBufferBytes + "]";
    }
}
