package io.heapstream.writer.delivery;

import io.heapstream.model.Topics;
import io.heapstream.model.rollup.Rollup;
import io.heapstream.writer.schema.InfluxSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;
import org.influxdb.dto.Point;

/**
 * Turns a consumed record into its lines of line protocol. Never throws: a record that cannot be read, or that
 * the schema cannot place (e.g. a resolution without retention policy), comes back marked unreadable, with the
 * reason, for the dead-letter topic. Tombstones give no lines.
 */
public final class RecordConverter {
    private final InfluxSchema schema;
    private final Deserializer<Rollup> deserializer = Topics.ROLLUP.deserializer();

    public RecordConverter(InfluxSchema schema) {
        this.schema = schema;
    }

    public PendingRecord convert(ConsumerRecord<byte[], byte[]> record, int generation) {
        var partition = new TopicPartition(record.topic(), record.partition());
        if (record.value() == null) {
            return pending(record, partition, generation, null, List.of(), null);
        }
        try {
            Rollup rollup = deserializer.deserialize(record.topic(), record.value());
            String policy = schema.retentionPolicy(rollup.resolution());
            List<Point> points = schema.points(rollup);
            var lines = new ArrayList<String>(points.size());
            for (Point point : points) {
                lines.add(point.lineProtocol(TimeUnit.MILLISECONDS));
            }
            return pending(record, partition, generation, policy, lines, null);
        } catch (RuntimeException e) {
            return pending(record, partition, generation, null, List.of(), "unreadable rollup: " + e.getMessage());
        }
    }

    private static PendingRecord pending(ConsumerRecord<byte[], byte[]> record, TopicPartition partition,
                                         int generation, String policy, List<String> lines, String unreadable) {
        return new PendingRecord(partition, record.offset(), generation, record.key(), record.value(), policy, lines,
                unreadable);
    }
}
