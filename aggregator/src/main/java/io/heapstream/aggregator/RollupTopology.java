package io.heapstream.aggregator;

import io.heapstream.aggregator.node.NodeProcessor;
import io.heapstream.aggregator.total.TotalsMessage;
import io.heapstream.aggregator.total.TotalsProcessor;
import io.heapstream.model.Topics;
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
        return build(settings, Stores::persistentKeyValueStore);
    }

    /**
     * The same topology with its state in memory, for {@code heapstream replay}: a replay keeps no state beyond its
     * run, and drives the topology one record per commit, which a persistent store would pay for with a flush each.
     */
    public static Topology buildInMemory(RollupSettings settings) {
        return build(settings, Stores::inMemoryKeyValueStore);
    }

    private static Topology build(RollupSettings settings, Function<String, KeyValueBytesStoreSupplier> stores) {
        var builder = new StreamsBuilder();
        builder.addStateStore(store(stores, NodeProcessor.SAMPLES_STORE));
        builder.addStateStore(store(stores, NodeProcessor.COARSE_STORE));
        builder.addStateStore(store(stores, TotalsProcessor.WINDOWS_STORE));
        builder.addStateStore(store(stores, TotalsProcessor.COARSE_STORE));

        var raw = Topics.raw(settings.rawTopic());
        var rawSerde = Serdes.serdeFrom(RawRecordDeserializer.original(), new RawRecordDeserializer());
        KStream<String, RawRecord> scrapes = builder.stream(raw.name(), Consumed.with(raw.keySerde(), rawSerde)
                .withTimestampExtractor(new ScrapeTimeExtractor()).withName("raw-source"));
        KStream<Object, Object> nodeOut = scrapes.process(() -> new NodeProcessor(settings), Named.as("node-stage"),
                NodeProcessor.SAMPLES_STORE, NodeProcessor.COARSE_STORE);
        var branches = nodeOut.split(Named.as("node-out-"))
                .branch((k, v) -> v instanceof Rollup, Branched.as("rollups"))
                .branch((k, v) -> v instanceof RawRecord, Branched.as("late"))
                .defaultBranch(Branched.as("totals"));

        toRollupTopics(settings, branches.get("node-out-rollups"), "node-rollups-sink");
        var late = Topics.raw(settings.lateTopic());
        KStream<String, RawRecord> lateScrapes = cast(branches.get("node-out-late"));
        lateScrapes.to(late.name(), Produced.with(late.keySerde(), Serdes.serdeFrom(RawRecordDeserializer.original(),
                new RawRecordDeserializer())).withName("late-sink"));

        KStream<String, byte[]> totals = cast(branches.get("node-out-totals"));
        KStream<Object, Object> totalsOut = totals
                .repartition(Repartitioned.<String, byte[]>as("totals")
                        .withKeySerde(Serdes.String()).withValueSerde(Serdes.ByteArray())
                        .withStreamPartitioner(new TotalsPartitioner()))
                .process(() -> new TotalsProcessor(settings), Named.as("totals-stage"),
                        TotalsProcessor.WINDOWS_STORE, TotalsProcessor.COARSE_STORE);
        toRollupTopics(settings, totalsOut, "totals-rollups-sink");
        return builder.build();
    }

    private static void toRollupTopics(RollupSettings settings, KStream<Object, Object> out, String name) {
        KStream<RollupKey, Rollup> rollups = cast(out);
        var keySerde = Serdes.serdeFrom(RollupJsonSerializer.keys(), Topics.ROLLUP_KEY.deserializer());
        var valueSerde = Serdes.serdeFrom(RollupJsonSerializer.values(), Topics.ROLLUP.deserializer());
        rollups.to(new TopicByResolution(settings), Produced.with(keySerde, valueSerde).withName(name));
    }

    private static org.apache.kafka.streams.state.StoreBuilder<?> store(
            Function<String, KeyValueBytesStoreSupplier> stores, String name) {
        return Stores.keyValueStoreBuilder(stores.apply(name), Serdes.Bytes(), Serdes.ByteArray())
                .withCachingEnabled();
    }

    @SuppressWarnings("unchecked")
    private static <K, V> KStream<K, V> cast(KStream<?, ?> stream) {
        return (KStream<K, V>) stream;
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

    /** Watermarks go to every totals partition; contributions by the hash of their series key. */
    static final class TotalsPartitioner implements StreamPartitioner<String, byte[]> {
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
