package io.heapstream.aggregator.bench;

import io.heapstream.aggregator.RollupSettings;
import io.heapstream.aggregator.RollupTap;
import io.heapstream.aggregator.RollupTopology;
import io.heapstream.aggregator.sample.SampleCodec;
import io.heapstream.aggregator.sample.SampleExtractor;
import io.heapstream.aggregator.serde.RawRecordDeserializer;
import io.heapstream.aggregator.serde.RawScrapeDeserializer;
import io.heapstream.model.Topics;
import io.heapstream.model.codec.RawScrapeWriter;
import io.heapstream.simulator.Fleet;
import io.heapstream.simulator.FleetSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TopologyTestDriver;

/**
 * The aggregator's CPU cost per scrape without a broker: JSON parsing alone (databind), the node stage's
 * reading (databind as before, and the streaming reader it uses now) with extraction and encoding, and the
 * whole topology in a TopologyTestDriver (state in RocksDB, outputs serialized).
 * Arguments: nodes pods slots [topology]; with {@code topology} only the whole-topology step runs (the close
 * path's A/B comparisons need nothing else). With {@code -Dbench.tap=CLASS} (a {@link RollupTap} with a no-argument
 * constructor, e.g. the alerter's default rules, on the classpath) each round runs the topology without and with
 * the tap, in alternating order, in the same JVM.
 */
public final class TopologyCpuBench {
    private TopologyCpuBench() { }

    public static void main(String[] args) {
        int nodes = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        int pods = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        int slots = args.length > 2 ? Integer.parseInt(args[2]) : 12;
        boolean topologyOnly = args.length > 3 && args[3].equals("topology");
        var start = Instant.parse("2026-01-01T00:00:00Z");
        var spec = new FleetSpec(1, nodes, pods, 1, 42, Duration.ofSeconds(15), FleetSpec.Churn.typical());
        var fleet = new Fleet(spec, start);
        var json = new ArrayList<byte[]>();
        var keys = new ArrayList<String>();
        for (int s = 0; s < slots; s++) {
            for (var scrape : fleet.scrapes(start.plusSeconds(15L * s))) {
                json.add(RawScrapeWriter.write(scrape));
                keys.add(scrape.key());
            }
        }
        long bytes = json.stream().mapToLong(b -> b.length).sum();
        System.out.printf(Locale.ROOT, "%d scrapes, %.1f kB each%n", json.size(), bytes / 1e3 / json.size());
        var reader = new RawScrapeDeserializer();
        var streaming = new RawRecordDeserializer();
        for (int round = 1; round <= 5; round++) {   // the first rounds warm the JIT up
            System.out.println("round " + round);
            if (TAP != null) {
                boolean tapFirst = round % 2 == 0;
                topology(json, keys, tapFirst ? TAP : null);
                topology(json, keys, tapFirst ? null : TAP);
                continue;
            }
            if (topologyOnly) {
                topology(json, keys, null);
                continue;
            }
            time("JSON tokens only (Jackson)", json, TopologyCpuBench::tokens);
            time("model serde parse", json, b -> Topics.RAW_SCRAPE.deserializer().deserialize("t", b));
            time("aggregator parse", json, b -> reader.deserialize("t", b));
            time("databind+extract+encode", json, b -> SampleCodec.encode(SampleExtractor.extract(
                    reader.deserialize("t", b))));
            time("streaming+extract", json, b -> streaming.deserialize("t", b));
            time("streaming+extract+encode", json, b -> SampleCodec.encode(streaming.deserialize("t", b).sample()));
            topology(json, keys, null);
        }
    }

    private static final RollupTap TAP = AggregatorRun.tap(System.getProperty("bench.tap"));


    private static void topology(List<byte[]> json, List<String> keys, RollupTap tap) {
        var props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "cpu-bench");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, "target/cpu-bench-" + System.nanoTime());
        var settings = RollupSettings.defaults();
        try (var driver = new TopologyTestDriver(RollupTopology.build(settings, tap), props)) {
            var in = driver.createInputTopic(settings.rawTopic(), new StringSerializer(), new ByteArraySerializer());
            var threads = java.lang.management.ManagementFactory.getThreadMXBean();
            long t0 = System.nanoTime();
            long cpu0 = threads.getCurrentThreadCpuTime();
            for (int i = 0; i < json.size(); i++) {
                in.pipeInput(keys.get(i), json.get(i));
            }
            double s = (System.nanoTime() - t0) / 1e9;
            double cpu = (threads.getCurrentThreadCpuTime() - cpu0) / 1e9;
            System.out.printf(Locale.ROOT, "%-26s %8.0f scrapes/s %8.0f per CPU-s %.4f ms CPU per scrape%n",
                    tap == null ? "topology (TTD)" : "topology + tap (TTD)", json.size() / s, json.size() / cpu,
                    1e3 * cpu / json.size());
            rollupJson(driver, settings, json.size());
        }
    }

    /** Every token of the document, nothing kept: what Jackson's tokenizer alone costs, the floor of reading. */
    private static void tokens(byte[] json) {
        try (var p = TOKENS.createParser(json)) {
            while (p.nextToken() != null) {
                // only the tokenizer's work
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static final com.fasterxml.jackson.core.JsonFactory TOKENS = new com.fasterxml.jackson.core.JsonFactory();

    /**
     * Writing the rollups alone: the run's output records read back as {@code Rollup}s and written again by the
     * aggregator's writer, per scrape of input (the part of the close path no aggregation design avoids, since
     * the rollup topics' JSON is the public contract).
     */
    private static void rollupJson(TopologyTestDriver driver, RollupSettings settings, int scrapes) {
        var reader = Topics.ROLLUP.deserializer();
        var rollups = new ArrayList<io.heapstream.model.rollup.Rollup>();
        for (var resolution : settings.resolutions()) {
            var out = driver.createOutputTopic(settings.rollupTopic(resolution),
                    new org.apache.kafka.common.serialization.ByteArrayDeserializer(),
                    new org.apache.kafka.common.serialization.ByteArrayDeserializer());
            for (var v : out.readValuesToList()) {
                rollups.add(reader.deserialize("t", v));
            }
        }
        var writer = io.heapstream.model.codec.RollupJsonSerializer.values();
        var threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long bytes = 0;
        long cpu0 = threads.getCurrentThreadCpuTime();
        for (var r : rollups) {
            bytes += writer.serialize("t", r).length;
        }
        double cpu = (threads.getCurrentThreadCpuTime() - cpu0) / 1e9;
        System.out.printf(Locale.ROOT, "%-26s %8d rollups, %.1f kB per scrape, %.3f ms CPU per scrape, %.0f MB per"
                + " CPU-s%n", "rollup JSON (writing only)", rollups.size(), bytes / 1e3 / scrapes, 1e3 * cpu / scrapes,
                bytes / 1e6 / cpu);
    }

    /** Wall-clock rate and the rate per second of this thread's CPU time (steadier on a shared machine). */
    private static void time(String what, List<byte[]> json, java.util.function.Consumer<byte[]> step) {
        var threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long t0 = System.nanoTime();
        long cpu0 = threads.getCurrentThreadCpuTime();
        for (var b : json) {
            step.accept(b);
        }
        double s = (System.nanoTime() - t0) / 1e9;
        double cpu = (threads.getCurrentThreadCpuTime() - cpu0) / 1e9;
        System.out.printf(Locale.ROOT, "%-26s %8.0f scrapes/s %8.0f per CPU-s%n", what, json.size() / s,
                json.size() / cpu);
    }
}
