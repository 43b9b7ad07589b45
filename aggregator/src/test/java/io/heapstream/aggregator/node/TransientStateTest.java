package io.heapstream.aggregator.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.heapstream.aggregator.RandomFleet;
import io.heapstream.aggregator.RollupSettings;
import io.heapstream.aggregator.serde.RawRecordDeserializer;
import io.heapstream.aggregator.total.TotalsProcessor;
import io.heapstream.model.Topics;
import io.heapstream.model.raw.RawScrape;
import io.heapstream.model.rollup.Rollup;
import io.heapstream.model.rollup.RollupKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;

/**
 * A replay keeps the processors' state as objects ({@code transientState}): the node and totals stages must
 * forward exactly what they forward with their state encoded in the stores, as live — every rollup, totals message
 * and late scrape, in the same order.
 */
class TransientStateTest {
    private static final RollupSettings SETTINGS = RollupSettings.of(Duration.ofMinutes(1), Duration.ofSeconds(30),
            List.of(Duration.ofMinutes(5)), 1);

    @Test
    void objectsInsteadOfEncodedStoresForwardTheSameOutputs() {
        var input = new RandomFleet(11).arrivals(40);
        var stored = run(input, false);
        var held = run(input, true);
        assertThat(stored).hasSizeGreaterThan(500).anyMatch(s -> s.startsWith("totals rollup"))
                .anyMatch(s -> s.startsWith("late"));
        assertThat(held).containsExactlyElementsOf(stored);
    }

    private static List<String> run(List<RawScrape> input, boolean transientState) {
        var nodeContext = new MockProcessorContext<Object, NodeOutput>(new Properties(), new TaskId(0, 0), null);
        // the wall clock follows the scrapes, so none is "from the future" and none closes on idleness
        long wall = input.stream().mapToLong(s -> s.scrapeTime().toEpochMilli()).min().orElseThrow();
        nodeContext.setCurrentSystemTimeMs(wall);
        inMemory(nodeContext, NodeProcessor.SAMPLES_STORE);
        inMemory(nodeContext, NodeProcessor.COARSE_STORE);
        var node = new NodeProcessor(SETTINGS, transientState);
        node.init(nodeContext);
        var totalsContext = new MockProcessorContext<RollupKey, Rollup>(new Properties(), new TaskId(1, 0), null);
        inMemory(totalsContext, TotalsProcessor.WINDOWS_STORE);
        inMemory(totalsContext, TotalsProcessor.COARSE_STORE);
        var totals = new TotalsProcessor(SETTINGS, transientState);
        totals.init(totalsContext);
        var deserializer = new RawRecordDeserializer();
        var out = new ArrayList<String>();
        for (var scrape : input) {
            long at = scrape.scrapeTime().toEpochMilli();
            wall = Math.max(wall, at);
            nodeContext.setCurrentSystemTimeMs(wall);
            var record = deserializer.deserialize("raw", Topics.RAW_SCRAPE.serializer().serialize("raw", scrape));
            node.process(new Record<>(scrape.key(), record, at));
            drain(nodeContext, totalsContext, totals, out);
        }
        // a day of silence: every window closes
        long quiet = wall + Duration.ofDays(1).toMillis();
        nodeContext.setCurrentSystemTimeMs(quiet);
        nodeContext.scheduledPunctuators().forEach(p -> p.getPunctuator().punctuate(quiet));
        drain(nodeContext, totalsContext, totals, out);
        return out;
    }

    private static void drain(MockProcessorContext<Object, NodeOutput> nodeContext,
                              MockProcessorContext<RollupKey, Rollup> totalsContext, TotalsProcessor totals,
                              List<String> out) {
        var forwarded = List.copyOf(nodeContext.forwarded());
        nodeContext.resetForwards();
        for (var forward : forwarded) {
            var value = forward.record().value();
            if (value instanceof NodeOutput.Final f) {
                out.add("node rollup " + f.rollup());
            } else if (value instanceof NodeOutput.ToTotals t) {
                var key = (String) forward.record().key();
                out.add("to totals " + key + " " + Arrays.toString(t.message()));
                totals.process(new Record<>(key, t.message(), forward.record().timestamp()));
                totalsContext.forwarded().forEach(r -> out.add("totals rollup " + r.record().value()));
                totalsContext.resetForwards();
            } else if (value instanceof NodeOutput.Late l) {
                out.add("late " + l.scrape().nodeKey() + " " + l.scrape().sample().slotMillis());
            }
        }
    }

    private static void inMemory(MockProcessorContext<?, ?> context, String name) {
        KeyValueStore<Bytes, byte[]> store = Stores.inMemoryKeyValueStore(name).get();
        store.init(context.getStateStoreContext(), store);
        context.addStateStore(store);
    }
}
