package io.heapstream.aggregator;

import io.heapstream.aggregator.node.NodeOutput;
import io.heapstream.aggregator.node.NodeProcessor;
import io.heapstream.aggregator.serde.RawRecordDeserializer;
import io.heapstream.aggregator.total.TotalsMessage;
import io.heapstream.aggregator.total.TotalsProcessor;
import io.heapstream.model.Topics;
import io.heapstream.model.codec.RollupJsonSerializer;
import io.heapstream.model.rollup.Rollup;
import io.heapstream.model.rollup.RollupKey;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.RecordContext;
import org.apache.kafka.streams.processor.StreamPartitioner;
import org.apache.kafka.streams.processor.TopicNameExtractor;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.Stores;

/**
 * The aggregator's topology (docs/aggregator.md has the picture):
 * <pre>
 * raw (key cluster/node) ─► node stage ──────────────► rollup topics (container, pod, node, sys_container)
 *                               │  └─────────────────► late topic
 *                               ▼ totals repartition (key = aggregate series; watermarks to every partition)
 *                           totals stage ─────────────► rollup topics (namespace, workload, cluster, fleet)
 * </pre>
 * Every processor, store and internal topic is named, so that upgrades keep their state.
 */
public final class RollupTopology {
    private RollupTopology() { }

    /** Settings in, Topology out: no clock, no env, no I/O — TopologyTestDriver tests call this. */
    public static Topology build(RollupSettings settings) {
        return build(settings, null);
    }

    /**
     * The same topology with {@code tap}'s processors attached to each stage's rollups ({@link RollupTap});
     * a null tap adds nothing: the topology is then exactly {@link #build(RollupSettings)}'s.
     */
    public static Topology build(RollupSettings settings, RollupTap tap) {
        return build(settings, Stores::persistentKeyValueStore, tap);
    }

    private static Topology build(RollupSettings settings, Function<String, KeyValueBytesStoreSupplier> stores,
                                  RollupTap tap) {
        var builder = new StreamsBuilder();
        builder.addStateStore(store(stores, NodeProcessor.SAMPLES_STORE));
        builder.addStateStore(store(stores, NodeProcessor.COARSE_STORE));
        builder.addStateStore(store(stores, TotalsProcessor.WINDOWS_STORE));
        builder.addStateStore(store(stores, TotalsProcessor.COARSE_STORE));

        var raw = Topics.raw(settings.rawTopic());
        var rawSerde = Serdes.serdeFrom(RawRecordDeserializer.original(), new RawRecordDeserializer());
        KStream<String, RawRecord> scrapes = builder.stream(raw.name(), Consumed.with(raw.keySerde(), rawSerde)
                .withTimestampExtractor(new ScrapeTimeExtractor()).withName("raw-source"));
        KStream<Object, NodeOutput> nodeOut = scrapes.process(() -> new NodeProcessor(settings),
                Named.as("node-stage"), NodeProcessor.SAMPLES_STORE, NodeProcessor.COARSE_STORE);
        var branches = nodeOut.split(Named.as("node-out-"))
                .branch((k, v) -> v instanceof NodeOutput.Final, Branched.as("rollups"))
                .branch((k, v) -> v instanceof NodeOutput.Late, Branched.as("late"))
                .defaultBranch(Branched.as("totals"));   // NodeOutput.ToTotals, the sealed type's third and last kind

        KStream<RollupKey, Rollup> nodeRollups = keyedBy(branches.get("node-out-rollups"), RollupKey.class)
                .mapValues(v -> ((NodeOutput.Final) v).rollup(), Named.as("node-out-rollup"));
        toRollupTopics(settings, nodeRollups, "node-rollups-sink");
        if (tap != null) {
            tap.attach(RollupTap.NODE_STAGE, nodeRollups);
        }
        var late = Topics.raw(settings.lateTopic());
        keyedBy(branches.get("node-out-late"), String.class)
                .mapValues(v -> ((NodeOutput.Late) v).scrape(), Named.as("node-out-scrape"))
                .to(late.name(), Produced.with(late.keySerde(), Serdes.serdeFrom(RawRecordDeserializer.original(),
                        new RawRecordDeserializer())).withName("late-sink"));

        KStream<String, byte[]> totals = keyedBy(branches.get("node-out-totals"), String.class)
                .mapValues(v -> ((NodeOutput.ToTotals) v).message(), Named.as("node-out-message"));
        KStream<RollupKey, Rollup> totalsOut = totals
                .repartition(Repartitioned.<String, byte[]>as("totals")
                        .withKeySerde(Serdes.String()).withValueSerde(Serdes.ByteArray())
                        .withStreamPartitioner(new TotalsPartitioner()))
                .process(() -> new TotalsProcessor(settings), Named.as("totals-stage"),
                        TotalsProcessor.WINDOWS_STORE, TotalsProcessor.COARSE_STORE);
        toRollupTopics(settings, totalsOut, "totals-rollups-sink");
        if (tap != null) {
            tap.attach(RollupTap.TOTALS_STAGE, totalsOut);
        }
        return builder.build();
    }

    private static void toRollupTopics(RollupSettings settings, KStream<RollupKey, Rollup> rollups, String name) {
        var keySerde = Serdes.serdeFrom(RollupJsonSerializer.keys(), Topics.ROLLUP_KEY.deserializer());
        var valueSerde = Serdes.serdeFrom(RollupJsonSerializer.values(), Topics.ROLLUP.deserializer());
        rollups.to(new TopicByResolution(settings), Produced.with(keySerde, valueSerde).withName(name));
    }

    private static org.apache.kafka.streams.state.StoreBuilder<?> store(
            Function<String, KeyValueBytesStoreSupplier> stores, String name) {
        return Stores.keyValueStoreBuilder(stores.apply(name), Serdes.Bytes(), Serdes.ByteArray())
                .withCachingEnabled();
    }

    /** A branch of the node stage's output, whose kind fixes its key's type (see {@link NodeOutput}). */
    @SuppressWarnings("unchecked")
    private static <K> KStream<K, NodeOutput> keyedBy(KStream<Object, NodeOutput> branch, Class<K> keyType) {
        return (KStream<K, NodeOutput>) (KStream<?, NodeOutput>) branch;
    }

    /** Each rollup goes to the topic of its resolution ({@code --describe} shows this class's name). */
    record TopicByResolution(RollupSettings settings) implements TopicNameExtractor<RollupKey, Rollup> {
        @Override
        public String extract(RollupKey key, Rollup value, RecordContext context) {
            return settings.rollupTopic(value.resolution());
        }

        @Override
        public String toString() {
            return settings.resolutions().stream().map(settings::rollupTopic).toList().toString();
        }
    }

    /** Watermarks go to every totals partition; contributions by the hash of their series key (replay's too). */
    public static final class TotalsPartitioner implements StreamPartitioner<String, byte[]> {
        @Override
        public Optional<Set<Integer>> partitions(String topic, String key, byte[] value, int numPartitions) {
            if (TotalsMessage.WATERMARK_KEY.equals(key)) {
                return Optional.of(IntStream.range(0, numPartitions).boxed().collect(Collectors.toSet()));
            }
            var bytes = key.getBytes(StandardCharsets.UTF_8);
            return Optional.of(Set.of(Utils.toPositive(Utils.murmur2(bytes)) % numPartitions));
        }
    }

}
