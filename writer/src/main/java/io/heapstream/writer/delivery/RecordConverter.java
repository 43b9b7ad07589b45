package io.heapstream.writer.delivery;

import io.heapstream.model.codec.RollupJsonReader;
import io.heapstream.model.rollup.Rollup;
import io.heapstream.writer.schema.InfluxSchema;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * Turns a consumed record into its lines of line protocol. Never throws: a record that cannot be read, or that
 * the schema cannot place (e.g. a resolution without retention policy), comes back marked unreadable, with the
 * reason, for the dead-letter topic. Tombstones give no lines.
 */
public final class RecordConverter {
    private final InfluxSchema schema;
    private final Clock clock;

    public RecordConverter(InfluxSchema schema) {
        this(schema, Clock.systemUTC());
    }

    /** With the clock that stamps {@link PendingRecord#readAt()}. */
    public RecordConverter(InfluxSchema schema, Clock clock) {
        this.schema = schema;
        this.clock = clock;
    }

    public PendingRecord convert(ConsumerRecord<byte[], byte[]> record, int generation) {
        var partition = new TopicPartition(record.topic(), record.partition());
        if (record.value() == null) {
            return pending(record, partition, generation, null, List.of(), null);
        }
        try {
            Rollup rollup = RollupJsonReader.read(record.value());
            String policy = schema.retentionPolicy(rollup.resolution());
            return pending(record, partition, generation, policy, schema.lines(rollup), null);
        } catch (java.io.IOException | RuntimeException e) {
            return pending(record, partition, generation, null, List.of(), "unreadable rollup: cannot read Rollup"
                    + " from topic " + record.topic() + " (" + record.value().length + " bytes): " + e.getMessage());
        }
    }

    private PendingRecord pending(ConsumerRecord<byte[], byte[]> record, TopicPartition partition,
                                  int generation, String policy, List<String> lines, String unreadable) {
        return new PendingRecord(partition, record.offset(), generation, record.key(), record.value(), policy, lines,
                unreadable, Instant.ofEpochMilli(record.timestamp()), clock.instant());
    }
}
