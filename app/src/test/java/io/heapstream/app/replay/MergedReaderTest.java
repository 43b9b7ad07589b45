package io.heapstream.app.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class MergedReaderTest {
    private static final TopicPartition P0 = new TopicPartition("raw", 0);
    private static final TopicPartition P1 = new TopicPartition("raw", 1);

    private static ConsumerRecord<byte[], byte[]> record(TopicPartition p, long offset, long timestamp) {
        return new ConsumerRecord<>(p.topic(), p.partition(), offset, timestamp, TimestampType.CREATE_TIME, 0, 0,
                new byte[0], new byte[0], new RecordHeaders(), java.util.Optional.empty());
    }

    private static MockConsumer<byte[], byte[]> consumer() {
        var consumer = new MockConsumer<byte[], byte[]>("earliest");
        consumer.updateBeginningOffsets(Map.of(P0, 0L, P1, 0L));
        return consumer;
    }

    @Test
    void recordsComeInTimeOrderAcrossPartitionsAndStopAtThePlannedOffsets() throws Exception {
        var consumer = consumer();
        var reader = new MergedReader(consumer, List.of(new PartitionRange(P0, 0, 3), new PartitionRange(P1, 0, 2)),
                List.of());
        consumer.schedulePollTask(() -> {
            // partition 0 runs ahead of partition 1 in one poll; its offset 3 lies past the plan
            consumer.addRecord(record(P0, 0, 10));
            consumer.addRecord(record(P0, 1, 30));
            consumer.addRecord(record(P0, 2, 50));
            consumer.addRecord(record(P0, 3, 60));
            consumer.addRecord(record(P1, 0, 20));
            consumer.addRecord(record(P1, 1, 40));
        });
        var seen = new ArrayList<String>();
        reader.run(r -> seen.add(r.partition() + "@" + r.timestamp()), () -> false, Duration.ofSeconds(5));
        assertThat(seen).containsExactly("0@10", "1@20", "0@30", "1@40", "0@50");
        assertThat(reader.readRecords()).isEqualTo(5);
    }

    @Test
    void aPartitionWithRecordsStillDueHoldsTheOthersBack() throws Exception {
        var consumer = consumer();
        var reader = new MergedReader(consumer, List.of(new PartitionRange(P0, 0, 2), new PartitionRange(P1, 0, 1)),
                List.of());
        consumer.schedulePollTask(() -> {
            consumer.addRecord(record(P0, 0, 10));
            consumer.addRecord(record(P0, 1, 30));
        });
        consumer.schedulePollTask(() -> consumer.addRecord(record(P1, 0, 20)));   // arrives a poll later
        var seen = new ArrayList<String>();
        reader.run(r -> seen.add(r.partition() + "@" + r.timestamp()), () -> false, Duration.ofSeconds(5));
        assertThat(seen).containsExactly("0@10", "1@20", "0@30");
    }

    @Test
    void extraRecordsAreMergedInByTime() throws Exception {
        var consumer = consumer();
        var reader = new MergedReader(consumer, List.of(new PartitionRange(P0, 0, 2)),
                List.of(record(new TopicPartition("late", 0), 0, 15)));
        consumer.schedulePollTask(() -> {
            consumer.addRecord(record(P0, 0, 10));
            consumer.addRecord(record(P0, 1, 30));
        });
        var seen = new ArrayList<String>();
        reader.run(r -> seen.add(r.topic() + "@" + r.timestamp()), () -> false, Duration.ofSeconds(5));
        assertThat(seen).containsExactly("raw@10", "late@15", "raw@30");
    }
}
