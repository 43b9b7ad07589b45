package io.heapstream.app.replay;

import io.heapstream.aggregator.RawRecord;
import io.heapstream.aggregator.RollupSettings;
import io.heapstream.aggregator.node.NodeOutput;
import io.heapstream.aggregator.node.NodeProcessor;
import io.heapstream.aggregator.serde.RawRecordDeserializer;
import io.heapstream.model.rollup.Rollup;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.common.utils.Bytes;

/**
 * One raw partition's node stage: the live aggregator's own {@link NodeProcessor}, as task {@code 0_partition}
 * (its totals contributions and watermarks say which partition they sum, as live), its stores in memory, driven
 * by hand through Kafka's {@link MockProcessorContext}: what it forwards is taken as objects, with no serde
 * round trip, no changelog, no commit (a replay's result is idempotent, so it needs none); and as nothing ever
 * restores its state, the processor keeps its samples and coarse windows as objects, not encoded in the stores
 * (its {@code transientState}).
 *
 * <p>The wall clock is the replay's, not the machine's: it follows the scrapes handed in (never behind the
 * newest record's time), so no window closes on idleness half-way (the processor's idle check runs only in
 * {@link #finish}), and the node stage's bound on scrapes stamped in the future (more than the grace past the
 * wall clock) holds for history as it does live.
 */
final class NodeStage {
    private final RollupSettings settings;
    private final MockProcessorContext<Object, NodeOutput> context;
    private final NodeProcessor processor;
    private final RawRecordDeserializer deserializer = new RawRecordDeserializer();
    private final Runnable deadLetter;
    private long wall;

    /**
     * @param settings   the aggregator's rollup settings, with the raw topic's partition count
     * @param wallStart  the wall clock at start (the first time read)
     * @param deadLetter counts a raw record that cannot be read (skipped, as the live aggregator skips it)
     */
    NodeStage(RollupSettings settings, int partition, Instant wallStart, Runnable deadLetter) {
        this.settings = settings;
        this.deadLetter = deadLetter;
        this.wall = wallStart.toEpochMilli();
        context = new MockProcessorContext<>(new Properties(), new TaskId(0, partition), null);
        context.setCurrentSystemTimeMs(wall);
        inMemory(context, NodeProcessor.SAMPLES_STORE);
        inMemory(context, NodeProcessor.COARSE_STORE);
        processor = new NodeProcessor(settings, true);
        processor.init(context);
    }

    /** A plain in-memory store: nothing is logged, cached or measured (the stores live as long as the run). */
    static void inMemory(MockProcessorContext<?, ?> context, String name) {
        KeyValueStore<Bytes, byte[]> store = Stores.inMemoryKeyValueStore(name).get();
        store.init(context.getStateStoreContext(), store);
        context.addStateStore(store);
    }

    /** One raw record as it was on the topic: key, JSON, headers and timestamp. */
    void pipe(ConsumerRecord<byte[], byte[]> record) {
        RawRecord scrape;
        try {
            scrape = deserializer.deserialize(record.topic(), record.headers(), record.value());
        } catch (SerializationException e) {
            deadLetter.run();
            return;
        }
        long at = Math.max(0, record.timestamp());
        if (at > wall) {
            wall = at;
            context.setCurrentSystemTimeMs(wall);
        }
        var key = record.key() == null ? null : new String(record.key(), java.nio.charset.StandardCharsets.UTF_8);
        processor.process(new Record<>(key, scrape, at, record.headers()));
    }

    /**
     * Closes every window that began before {@code end}: the wall clock jumps past end + the coarsest resolution +
     * grace + the idle timeout, and the processor's idle check moves its watermark past every window's close.
     */
    void finish(Instant end) {
        var coarsest = settings.resolutions().stream().max(Comparator.naturalOrder()).orElseThrow();
        long target = end.plus(coarsest).plus(settings.grace()).plus(settings.idleTimeout())
                .plus(Duration.ofMinutes(1)).toEpochMilli();
        wall = Math.max(wall, target);
        context.setCurrentSystemTimeMs(wall);
        for (var punctuator : context.scheduledPunctuators()) {
            punctuator.getPunctuator().punctuate(wall);
        }
    }

    /**
     * Hands on what the processor forwarded since the last call, in its order: final rollups, and the encoded
     * totals messages with their key; late scrapes are dropped (counted by the settings' events already).
     */
    void drain(Consumer<Rollup> rollups, BiConsumer<String, byte[]> totals) {
        List<MockProcessorContext.CapturedForward<?, ?>> out = List.copyOf(context.forwarded());
        if (out.isEmpty()) {
            return;
        }
        context.resetForwards();
        for (var forward : out) {
            var value = forward.record().value();
            if (value instanceof NodeOutput.Final f) {
                rollups.accept(f.rollup());
            } else if (value instanceof NodeOutput.ToTotals t) {
                totals.accept((String) forward.record().key(), t.message());
            }
        }
    }
}
