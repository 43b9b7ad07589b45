package io.heapstream.writer.delivery;

import io.heapstream.model.codec.RollupJsonReader;
import io.heapstream.model.rollup.Rollup;
import io.heapstream.writer.WriterMetrics;
import io.heapstream.writer.schema.InfluxSchema;
import io.heapstream.writer.schema.RetentionPolicy;
import io.heapstream.writer.schema.UnwritableTextException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * Turns a consumed record into its lines of line protocol. Never throws: a record that cannot be read, that
 * the schema cannot place (e.g. a resolution without retention policy) or whose names line protocol cannot carry
 * comes back marked unreadable, with the reason, for the dead-letter topic. Tombstones give no lines, and neither
 * does a rollup older than its retention policy: InfluxDB would refuse it (a new writer group reading a topic from
 * the start has a whole backlog of them), so it is counted and skipped instead of written.
 */
public final class RecordConverter {
    private final InfluxSchema schema;
    private final Clock clock;
    private final WriterMetrics metrics;
    /** Policy name to how long it keeps points; policies that keep them forever are left out. */
    private final Map<String, Duration> retention = new HashMap<>();

    public RecordConverter(InfluxSchema schema) {
        this(schema, Clock.systemUTC());
    }

    /** With the clock that stamps {@link PendingRecord#readAt()} and tells which rollups are expired. */
    public RecordConverter(InfluxSchema schema, Clock clock) {
        this(schema, clock, new WriterMetrics(new SimpleMeterRegistry()));
    }

    public RecordConverter(InfluxSchema schema, Clock clock, WriterMetrics metrics) {
        this.schema = schema;
        this.clock = clock;
        this.metrics = metrics;
        for (RetentionPolicy policy : schema.retentionPolicies()) {
            if (!policy.duration().isZero()) {
                retention.put(policy.name(), policy.duration());
            }
        }
    }

    public PendingRecord convert(ConsumerRecord<byte[], byte[]> record, int generation) {
        var partition = new TopicPartition(record.topic(), record.partition());
        if (record.value() == null) {
            return pending(record, partition, generation, null, List.of(), null);
        }
        try {
            Rollup rollup = RollupJsonReader.read(record.value());
            String policy = schema.retentionPolicy(rollup.resolution());
            if (expired(policy, rollup)) {
                metrics.rollupsExpired().increment();
                return pending(record, partition, generation, policy, List.of(), null);
            }
            return pending(record, partition, generation, policy, schema.lines(rollup), null);
        } catch (UnwritableTextException e) {
            metrics.rollupsUnwritable().increment();
            return pending(record, partition, generation, null, List.of(), "unwritable rollup from topic "
                    + record.topic() + ": " + e.getMessage());
        } catch (java.io.IOException | RuntimeException e) {
            return pending(record, partition, generation, null, List.of(), "unreadable rollup: cannot read Rollup"
                    + " from topic " + record.topic() + " (" + record.value().length + " bytes): " + e.getMessage());
        }
    }

    /** Older than InfluxDB keeps: it compares the point's time with its own clock minus the policy's duration. */
    private boolean expired(String policy, Rollup rollup) {
        Duration keep = retention.get(policy);
        return keep != null && rollup.windowStart().isBefore(clock.instant().minus(keep));
    }

    private PendingRecord pending(ConsumerRecord<byte[], byte[]> record, TopicPartition partition,
                                  int generation, String policy, List<String> lines, String unreadable) {
        return new PendingRecord(partition, record.offset(), generation, record.key(), record.value(), policy, lines,
                unreadable, Instant.ofEpochMilli(record.timestamp()), clock.instant());
    }
}
