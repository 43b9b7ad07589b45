package io.heapstream.writer.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.heapstream.model.Topics;
import io.heapstream.model.rollup.MetricStats;
import io.heapstream.model.rollup.Rollup;
import io.heapstream.model.rollup.RollupKey;
import io.heapstream.writer.WriterMetrics;
import io.heapstream.writer.influx.InfluxBatchWriter;
import io.heapstream.writer.schema.NativeSchema;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DeliveryLoopTest {
    private static final String TOPIC = "heapstream.rollup.1m";
    private static final TopicPartition P0 = new TopicPartition(TOPIC, 0);
    /** Recent: older rollups than the policy's 7 days are skipped, not written. */
    private static final Instant START = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofHours(1));

    private final MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("earliest");
    private final List<String> written = new CopyOnWriteArrayList<>();
    private final OffsetTracker tracker = new OffsetTracker();
    private final WriterMetrics metrics = new WriterMetrics(new SimpleMeterRegistry());
    private final Lane lane = new Lane("lane-0", new InfluxBatchWriter((policy, lines) -> written.addAll(lines)),
            new DeadLetters(new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer()),
                    "heapstream.dead-letter", Duration.ofSeconds(1)),
            tracker, metrics, new Backoff(Duration.ofMillis(10), Duration.ofMillis(10), () -> 1.0), WriterHooks.NONE,
            () -> { });
    /** A flush interval far longer than the test: only a full batch or an idle poll hands points over. */
    private final DeliveryLoop loop = new DeliveryLoop(consumer, new RecordConverter(new NativeSchema("heapstream",
            Map.of(Duration.ofMinutes(1), Duration.ofDays(7)))), List.of(lane), tracker, metrics, 2000,
            Duration.ofHours(1), 50_000);

    @AfterEach
    void haltLane() throws InterruptedException {
        lane.halt(Duration.ofSeconds(5));
    }

    @Test
    void partialBatchIsHandedOverAsSoonAsAPollFindsNothingMoreInsteadOfWaitingTheFlushInterval() {
        lane.start();
        consumer.assign(List.of(P0));
        consumer.updateBeginningOffsets(Map.of(P0, 0L));
        consumer.updateEndOffsets(Map.of(P0, 1L));
        tracker.assign(P0);
        consumer.addRecord(record(0, rollup("prod")));

        loop.step();
        assertThat(written).as("one point, far from a full batch, and records were still coming").isEmpty();

        loop.step();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(written).hasSize(1)
                .allSatisfy(line -> assertThat(line).startsWith("cluster,cluster=prod ")));
    }

    private static Rollup rollup(String cluster) {
        return new Rollup(Rollup.SCHEMA_VERSION, RollupKey.cluster(cluster), Duration.ofMinutes(1), START,
                START.plusSeconds(60), List.of(new MetricStats("cpu/usage_rate", null, 1, 2, 2, 2, 2)), null, null);
    }

    private static ConsumerRecord<byte[], byte[]> record(long offset, Rollup rollup) {
        return new ConsumerRecord<>(TOPIC, 0, offset, Topics.ROLLUP_KEY.serializer().serialize(TOPIC, rollup.key()),
                Topics.ROLLUP.serializer().serialize(TOPIC, rollup));
    }
}
