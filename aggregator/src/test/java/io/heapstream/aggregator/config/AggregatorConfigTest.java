package io.heapstream.aggregator.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.heapstream.aggregator.AggregatorService;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

class AggregatorConfigTest {
    @Test
    void defaultsAreOneMinuteWindowsThirtySecondsGraceAndHourlyRollups() {
        var config = AggregatorConfig.fromMap(Map.of());
        assertThat(config.window()).isEqualTo(Duration.ofMinutes(1));
        assertThat(config.grace()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.coarser()).containsExactly(Duration.ofHours(1));
        assertThat(config.idleTimeout()).isEqualTo(Duration.ofSeconds(90));
        var props = config.streamsProperties();
        assertThat(props.get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG)).isEqualTo("exactly_once_v2");
        assertThat(props.get(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG))
                .isEqualTo("heapstream.dead-letter");
        assertThat(props.get(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG)).isEqualTo(true);
    }

    @Test
    void secondsWindowsForTestsAndKafkaExtrasArePassedThrough() {
        var config = AggregatorConfig.fromMap(Map.of("HEAPSTREAM_WINDOW", "10s", "HEAPSTREAM_GRACE", "2s",
                "HEAPSTREAM_RESOLUTIONS", "1m,5m", "kafka.security.protocol", "SSL"));
        assertThat(config.settings(3).resolutions()).containsExactly(Duration.ofSeconds(10), Duration.ofMinutes(1),
                Duration.ofMinutes(5));
        assertThat(config.streamsProperties().get("security.protocol")).isEqualTo("SSL");
        assertThat(config.toString()).contains("security.protocol").doesNotContain("SSL");
    }

    @Test
    void outputIsLz4CompressedUnlessTheUserChoseACompression() {
        assertThat(AggregatorConfig.fromMap(Map.of()).streamsProperties().get("producer.compression.type"))
                .isEqualTo("lz4");
        var all = AggregatorConfig.fromMap(Map.of("kafka.compression.type", "zstd")).streamsProperties();
        assertThat(all.get("compression.type")).isEqualTo("zstd");
        assertThat(all).doesNotContainKey("producer.compression.type");
        var producer = AggregatorConfig.fromMap(Map.of("kafka.producer.compression.type", "none"))
                .streamsProperties();
        assertThat(producer.get("producer.compression.type")).isEqualTo("none");
    }

    @Test
    void coarserResolutionsCanBeTurnedOff() {
        assertThat(AggregatorConfig.fromMap(Map.of("HEAPSTREAM_RESOLUTIONS", "none")).coarser()).isEmpty();
    }

    @Test
    void everyBadSettingIsNamedWithItsFlagAndVariable() {
        assertThatThrownBy(() -> AggregatorConfig.fromMap(Map.of("HEAPSTREAM_WINDOW", "soon",
                "HEAPSTREAM_STANDBY_REPLICAS", "-1")))
                .hasMessageContaining("--window (HEAPSTREAM_WINDOW): 'soon'")
                .hasMessageContaining("--standby-replicas (HEAPSTREAM_STANDBY_REPLICAS)");
        assertThatThrownBy(() -> AggregatorConfig.fromMap(Map.of("HEAPSTREAM_RESOLUTIONS", "90s")))
                .hasMessageContaining("not a larger multiple of the window");
    }

    @Test
    void cacheSizesInTheCollectorsMiFormAreAccepted() {
        // before one parser for every role, the aggregator read k, m and g only, and refused 64Mi
        var config = AggregatorConfig.fromMap(Map.of("HEAPSTREAM_CACHE_MAX_BYTES", "64Mi",
                "HEAPSTREAM_ROCKSDB_BLOCK_CACHE", "1Gi", "HEAPSTREAM_ROCKSDB_WRITE_BUFFER", "16M"));

        assertThat(config.cacheMaxBytes()).isEqualTo(64L << 20);
        assertThat(config.blockCacheBytes()).isEqualTo(1L << 30);
        assertThat(config.writeBufferBytes()).isEqualTo(16_000_000L);
    }

    @Test
    void defaultSizesAreTheDocumentedMebibytes() {
        var config = AggregatorConfig.fromMap(Map.of());

        assertThat(config.cacheMaxBytes()).isEqualTo(64L << 20);
        assertThat(config.blockCacheBytes()).isEqualTo(64L << 20);
        assertThat(config.writeBufferBytes()).isEqualTo(16L << 20);
    }

    @Test
    void describedTopologyNamesEveryStoreAndInternalTopic() {
        var text = AggregatorService.describe(AggregatorConfig.fromMap(Map.of()));
        assertThat(text).contains("node-stage", "totals-stage", "node-samples", "node-coarse", "totals-windows",
                "totals-coarse", "totals-repartition");
        assertThat(text).doesNotContain("KSTREAM-").doesNotContain("KTABLE-");
        assertThat(List.of(text.split("Sub-topology")).size() - 1).isEqualTo(2);
    }
}
