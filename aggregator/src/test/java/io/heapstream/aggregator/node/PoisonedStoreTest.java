package io.heapstream.aggregator.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.heapstream.aggregator.RawRecord;
import io.heapstream.aggregator.serde.RawRecordDeserializer;
import io.heapstream.aggregator.RollupSettings;
import io.heapstream.aggregator.ScrapesAccess;
import io.heapstream.model.Topics;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;

/**
 * A node-stage store that an older version left with a watermark and a stream time far beyond the wall clock
 * (one future-stamped scrape was enough): at start they are dropped, so honest scrapes are not late forever.
 */
class PoisonedStoreTest {
    private static final Instant WALL = Instant.parse("2026-01-01T00:10:00Z");
    private static final long YEAR_2030 = Instant.parse("2030-01-01T00:00:00Z").toEpochMilli();

    @Test
    void watermarkAndStreamTimeBeyondTheWallClockAreDroppedAtStart() {
        var context = new MockProcessorContext<Object, NodeOutput>();
        context.setCurrentSystemTimeMs(WALL.toEpochMilli());
        KeyValueStore<Bytes, byte[]> samples = store(context, NodeProcessor.SAMPLES_STORE);
        store(context, NodeProcessor.COARSE_STORE);
        samples.put(NodeStoreKeys.WATERMARK, ByteBuffer.allocate(8).putLong(YEAR_2030).array());
        samples.put(NodeStoreKeys.STREAM_TIME, ByteBuffer.allocate(8).putLong(YEAR_2030).array());
        var processor = new NodeProcessor(RollupSettings.of(Duration.ofMinutes(1), Duration.ofSeconds(10),
                List.of(), 1));

        processor.init(context);
        processor.process(record(WALL.minusSeconds(45)));   // honest: its window [00:09, 00:10) closes at 00:10:10

        assertThat(context.forwarded()).noneMatch(f -> f.record().value() instanceof NodeOutput.Late);
        assertThat(samples.get(NodeStoreKeys.WATERMARK)).isNull();
    }

    @Test
    void storeFromBeforeStreamTimeWasKeptResumesFromKafkasStreamTime() {
        var context = new MockProcessorContext<Object, NodeOutput>();
        context.setCurrentSystemTimeMs(WALL.toEpochMilli());
        context.setCurrentStreamTimeMs(WALL.minusSeconds(60).toEpochMilli());   // restored with the offsets
        KeyValueStore<Bytes, byte[]> samples = store(context, NodeProcessor.SAMPLES_STORE);
        store(context, NodeProcessor.COARSE_STORE);
        long honest = WALL.minusSeconds(600).toEpochMilli();
        samples.put(NodeStoreKeys.WATERMARK, ByteBuffer.allocate(8).putLong(honest).array());   // no stream time
        var processor = new NodeProcessor(RollupSettings.of(Duration.ofMinutes(1), Duration.ofSeconds(10),
                List.of(), 1));

        processor.init(context);
        processor.process(record(WALL.minusSeconds(300)));   // its window closed long before 00:09:00: late

        assertThat(context.forwarded()).anyMatch(f -> f.record().value() instanceof NodeOutput.Late);
    }

    /** A one-pod scrape of node c1/n1 for {@code slot}, as the raw topic carries it (EagerCommitTest too). */
    static Record<String, RawRecord> record(Instant slot) {
        var scrape = ScrapesAccess.scrape("c1", "n1", slot, 0, 1,
                List.of(new ScrapesAccess.Pod("shop", "a", "Deployment/web", 0, 0, 100)));
        byte[] json = Topics.RAW_SCRAPE.serializer().serialize("raw", scrape);
        return new Record<>(scrape.key(), new RawRecordDeserializer().deserialize("raw", json), slot.toEpochMilli());
    }

    static KeyValueStore<Bytes, byte[]> store(MockProcessorContext<Object, NodeOutput> context, String name) {
        KeyValueStore<Bytes, byte[]> store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name),
                Serdes.Bytes(), Serdes.ByteArray()).withLoggingDisabled().build();
        store.init(context.getStateStoreContext(), store);
        context.addStateStore(store);
        return store;
    }
}
