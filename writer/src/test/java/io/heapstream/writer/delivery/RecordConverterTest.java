package io.heapstream.writer.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.heapstream.model.Topics;
import io.heapstream.model.rollup.MetricStats;
import io.heapstream.model.rollup.Rollup;
import io.heapstream.model.rollup.RollupKey;
import io.heapstream.writer.WriterMetrics;
import io.heapstream.writer.schema.NativeSchema;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

class RecordConverterTest {
    private static final String TOPIC = "heapstream.rollup.1m";
    private static final Instant START = Instant.parse("2024-05-01T10:00:00Z");

    /** Read a minute and a half after the window started: well within the policy's 7 days. */
    private final RecordConverter converter = new RecordConverter(new NativeSchema("heapstream",
            Map.of(Duration.ofMinutes(1), Duration.ofDays(7))), Clock.fixed(START.plusSeconds(90), ZoneOffset.UTC));

    @Test
    void rollupBecomesMillisecondLinesForItsResolutionsPolicy() {
        var record = record(rollup(Duration.ofMinutes(1)));

        PendingRecord pending = converter.convert(record, 3);

        assertThat(pending.retentionPolicy()).isEqualTo("rp_1m");
        assertThat(pending.lines()).containsExactly("cluster,cluster=prod cpu_usage_rate_avg=2.0,"
                + "cpu_usage_rate_count=1i,cpu_usage_rate_last=2.0,cpu_usage_rate_max=2.0,cpu_usage_rate_min=2.0"
                + " 1714557600000");
        assertThat(pending.unreadable()).isNull();
        assertThat(pending.generation()).isEqualTo(3);
        assertThat(pending.offset()).isEqualTo(42);
    }

    @Test
    void pendingRecordKeepsTheBrokersTimestampAndWhenItWasRead() {
        var readAt = Instant.parse("2024-05-01T10:01:31.250Z");
        var timed = new RecordConverter(new NativeSchema("heapstream", Map.of(Duration.ofMinutes(1),
                Duration.ofDays(7))), Clock.fixed(readAt, ZoneOffset.UTC));
        var appended = START.plusSeconds(90);
        var rollup = rollup(Duration.ofMinutes(1));
        var record = new ConsumerRecord<>(TOPIC, 0, 42, appended.toEpochMilli(), TimestampType.LOG_APPEND_TIME,
                0, 0, Topics.ROLLUP_KEY.serializer().serialize(TOPIC, rollup.key()),
                Topics.ROLLUP.serializer().serialize(TOPIC, rollup), new RecordHeaders(), Optional.empty());

        PendingRecord pending = timed.convert(record, 1);

        assertThat(pending.recordTime()).isEqualTo(appended);
        assertThat(pending.readAt()).isEqualTo(readAt);
    }

    @Test
    void unreadableBytesAreMarkedWithTheReasonInsteadOfThrown() {
        var record = new ConsumerRecord<>(TOPIC, 0, 42, "k".getBytes(StandardCharsets.UTF_8),
                "{not json".getBytes(StandardCharsets.UTF_8));

        PendingRecord pending = converter.convert(record, 1);

        assertThat(pending.lines()).isEmpty();
        assertThat(pending.unreadable()).startsWith("unreadable rollup: cannot read Rollup");
        assertThat(pending.value()).isEqualTo(record.value());
    }

    @Test
    void resolutionWithoutPolicyIsMarkedUnreadable() {
        PendingRecord pending = converter.convert(record(rollup(Duration.ofMinutes(5))), 1);

        assertThat(pending.unreadable()).contains("no retention policy for resolution 5m");
    }

    @Test
    void rollupWhosePodNameWouldSplitTheLineIsDeadLetteredAndCountedNotWritten() {
        var metrics = new WriterMetrics(new SimpleMeterRegistry());
        var counting = new RecordConverter(new NativeSchema("heapstream", Map.of(Duration.ofMinutes(1),
                Duration.ofDays(7))), Clock.fixed(START.plusSeconds(90), ZoneOffset.UTC), metrics);
        var crafted = new Rollup(Rollup.SCHEMA_VERSION, RollupKey.pod("prod", "shop",
                "cart x=1 0\nevil,cluster=other", "node-1", null), Duration.ofMinutes(1), START,
                START.plusSeconds(60), List.of(new MetricStats("cpu/usage_rate", null, 1, 2, 2, 2, 2)), null, null);

        PendingRecord pending = counting.convert(record(crafted), 1);

        assertThat(pending.lines()).isEmpty();
        assertThat(pending.unreadable()).startsWith("unwritable rollup from topic " + TOPIC)
                .contains("control character").doesNotContain("\n");
        assertThat(metrics.rollupsUnwritable().count()).isEqualTo(1);
    }

    @Test
    void rollupOlderThanItsRetentionPolicyIsSkippedAndCountedNotWrittenNorDeadLettered() {
        var metrics = new WriterMetrics(new SimpleMeterRegistry());
        var weekLater = new RecordConverter(new NativeSchema("heapstream", Map.of(Duration.ofMinutes(1),
                Duration.ofDays(7))), Clock.fixed(START.plus(Duration.ofDays(7)).plusSeconds(1), ZoneOffset.UTC),
                metrics);

        PendingRecord pending = weekLater.convert(record(rollup(Duration.ofMinutes(1))), 1);

        assertThat(pending.lines()).isEmpty();
        assertThat(pending.unreadable()).isNull();
        assertThat(metrics.rollupsExpired().count()).isEqualTo(1);
    }

    @Test
    void policyKeptForeverNeverExpires() {
        var forever = new RecordConverter(new NativeSchema("heapstream", Map.of(Duration.ofMinutes(1),
                Duration.ZERO)), Clock.fixed(START.plus(Duration.ofDays(4000)), ZoneOffset.UTC));

        assertThat(forever.convert(record(rollup(Duration.ofMinutes(1))), 1).lines()).hasSize(1);
    }

    @Test
    void tombstoneGivesNoLinesAndIsNotAnError() {
        PendingRecord pending = converter.convert(new ConsumerRecord<>(TOPIC, 0, 42, new byte[0], null), 1);

        assertThat(pending.lines()).isEmpty();
        assertThat(pending.unreadable()).isNull();
    }

    private static Rollup rollup(Duration resolution) {
        return new Rollup(Rollup.SCHEMA_VERSION, RollupKey.cluster("prod"), resolution, START,
                START.plus(resolution), List.of(new MetricStats("cpu/usage_rate", null, 1, 2, 2, 2, 2)), null, null);
    }

    private static ConsumerRecord<byte[], byte[]> record(Rollup rollup) {
        return new ConsumerRecord<>(TOPIC, 0, 42, Topics.ROLLUP_KEY.serializer().serialize(TOPIC, rollup.key()),
                Topics.ROLLUP.serializer().serialize(TOPIC, rollup));
    }
}
