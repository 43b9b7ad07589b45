package io.heapstream.writer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.heapstream.writer.schema.HeapsterSchema;
import io.heapstream.writer.schema.NativeSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WriterConfigTest {

    @Test
    void emptySettingsGiveTheDocumentedDefaults() {
        var config = WriterConfig.fromMap(Map.of());

        assertThat(config.kafkaBootstrap()).isEqualTo("localhost:9092");
        assertThat(config.groupId()).isEqualTo("heapstream-writer-native");
        assertThat(config.rollupTopics()).containsExactly("heapstream.rollup.1m", "heapstream.rollup.1h");
        assertThat(config.deadLetterTopic()).isEqualTo("heapstream.dead-letter");
        assertThat(config.retention()).isEqualTo(Map.of(Duration.ofMinutes(1), Duration.ofDays(7),
                Duration.ofHours(1), Duration.ofDays(400)));
        assertThat(config.influxUrl()).isEqualTo("http://localhost:8086");
        assertThat(config.influxDb()).isEqualTo("heapstream");
        assertThat(config.influxUser()).isNull();
        assertThat(config.influxPassword()).isNull();
        assertThat(config.createDatabase()).isTrue();
        assertThat(config.batchSize()).isEqualTo(2000);
        assertThat(config.flushInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(config.maxPendingPoints()).isEqualTo(50_000);
        assertThat(config.writeParallelism()).isEqualTo(2);
        assertThat(config.influxSchema()).isInstanceOf(NativeSchema.class);
    }

    @Test
    void heapsterSchemaDefaultsToHeapstersDatabaseAndItsOwnGroup() {
        var config = WriterConfig.fromMap(Map.of("HEAPSTREAM_SCHEMA", "Heapster"));

        assertThat(config.influxDb()).isEqualTo("k8s");
        assertThat(config.groupId()).isEqualTo("heapstream-writer-heapster");
        assertThat(config.influxSchema()).isInstanceOf(HeapsterSchema.class);
        assertThat(config.influxSchema().retentionPolicy(Duration.ofMinutes(1))).isEqualTo("default");
    }

    @Test
    void retentionNamesTheResolutionsToWriteAndHowLongEachIsKept() {
        var config = WriterConfig.fromMap(Map.of("HEAPSTREAM_RETENTION", "10s=2d, 1h=inf",
                "HEAPSTREAM_ROLLUP_TOPIC_PREFIX", "t."));

        assertThat(config.rollupTopics()).containsExactly("t.10s", "t.1h");
        assertThat(config.retention()).isEqualTo(Map.of(Duration.ofSeconds(10), Duration.ofDays(2),
                Duration.ofHours(1), Duration.ZERO));
    }

    @Test
    void everyBadSettingIsReportedInOneMessageWithFlagAndVariable() {
        var settings = Map.of("HEAPSTREAM_SCHEMA", "influx2", "HEAPSTREAM_BATCH_SIZE", "lots",
                "HEAPSTREAM_FLUSH_INTERVAL", "soon", "HEAPSTREAM_INFLUX_URL", "localhost:8086",
                "HEAPSTREAM_RETENTION", "1m=7d,5m", "HEAPSTREAM_NO_CREATE", "maybe");

        assertThatThrownBy(() -> WriterConfig.fromMap(settings))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--schema (HEAPSTREAM_SCHEMA): 'influx2' is not a schema")
                .hasMessageContaining("--batch-size (HEAPSTREAM_BATCH_SIZE): 'lots' is not a whole number")
                .hasMessageContaining("--flush-interval (HEAPSTREAM_FLUSH_INTERVAL): 'soon' is not a duration")
                .hasMessageContaining("--influx-url (HEAPSTREAM_INFLUX_URL)")
                .hasMessageContaining("--retention (HEAPSTREAM_RETENTION): '5m' is not RESOLUTION=DURATION")
                .hasMessageContaining("--no-create (HEAPSTREAM_NO_CREATE): 'maybe' is not true or false");
    }

    @Test
    void pendingPointsBelowBatchSizeIsRefusedNamingBothKnobs() {
        assertThatThrownBy(() -> WriterConfig.fromMap(Map.of("HEAPSTREAM_BATCH_SIZE", "1000",
                "HEAPSTREAM_MAX_PENDING_POINTS", "500")))
                .hasMessageContaining("--max-pending-points (HEAPSTREAM_MAX_PENDING_POINTS): must be at least"
                        + " --batch-size (1000), was 500");
    }

    @Test
    void passwordComesFromTheEnvironmentAndNeverShowsInToString() {
        var config = WriterConfig.fromMap(Map.of("HEAPSTREAM_INFLUX_USER", "writer",
                "HEAPSTREAM_INFLUX_PASSWORD", "s3cret-value"));

        assertThat(config.influxPassword()).isEqualTo("s3cret-value");
        assertThat(config.toString()).doesNotContain("s3cret-value").contains("influxPassword=****");
    }

    @Test
    void passwordFileIsReadWithoutItsTrailingNewline(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("password"), "from-file\n");

        var config = WriterConfig.fromMap(Map.of("HEAPSTREAM_INFLUX_PASSWORD_FILE", file.toString()));

        assertThat(config.influxPassword()).isEqualTo("from-file");
    }

    @Test
    void unreadablePasswordFileIsAnErrorThatDoesNotQuoteTheFile(@TempDir Path dir) {
        assertThatThrownBy(() -> WriterConfig.fromMap(Map.of("HEAPSTREAM_INFLUX_PASSWORD_FILE",
                dir.resolve("missing").toString())))
                .hasMessageContaining("--influx-password-file (HEAPSTREAM_INFLUX_PASSWORD_FILE): cannot read");
    }

    @Test
    void kafkaClientSettingsArePassedThroughWithoutTheirPrefix() {
        var config = WriterConfig.fromMap(Map.of("kafka.security.protocol", "SASL_SSL",
                "kafka.max.poll.interval.ms", "5000"));

        assertThat(config.kafkaProperties()).isEqualTo(Map.of("security.protocol", "SASL_SSL",
                "max.poll.interval.ms", "5000"));
    }
}
