package io.heapstream.aggregator.bench;

import io.heapstream.aggregator.RollupTap;
import io.heapstream.aggregator.config.AggregatorConfig;
import io.heapstream.model.codec.RawScrapeWriter;
import io.heapstream.simulator.Fleet;
import io.heapstream.simulator.FleetSpec;
import io.heapstream.simulator.RawScrapeProducer;
import io.heapstream.testkit.TestServices;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;

/**
 * Aggregator throughput on a simulated fleet, next to the broker's raw consume rate of the same topic, in one
 * run (bench/aggregator/run.sh), on a dedicated {@link BenchBroker} unless {@code HEAPSTREAM_TEST_KAFKA} is
 * set. Writes the fleet's scrapes to a fresh raw topic (zstd, as the collector does; env
 * {@code RAW_COMPRESSION} overrides), reads them once with a plain
 * consumer (bytes only), then runs the aggregator from the beginning and measures committed input offsets over
 * time and this JVM's CPU time. Prints a Markdown table.
 *
 * <p>Arguments (all optional): nodes pods containers slots partitions threads. With {@code -Dbench.tap=CLASS} (a
 * {@link RollupTap} with a no-argument constructor on the classpath, e.g. the alerter's default rules) the
 * aggregator runs with the tap's processors (bench/alerter/run.sh).
 */
public final class AggregatorBench {
    private AggregatorBench() { }

    public static void main(String[] args) throws Exception {
        int nodes = arg(args, 0, 5000);
        int pods = arg(args, 1, 30);
        int containers = arg(args, 2, 1);
        int slots = arg(args, 3, 8);
        int partitions = arg(args, 4, 4);
        int threads = arg(args, 5, 2);
        String external = System.getenv(TestServices.KAFKA_ENV);
        BenchBroker own = external == null || external.isBlank() ? BenchBroker.launch() : null;
        String bootstrap = own != null ? own.bootstrap : external.strip();
        try {
            var prefix = TestServices.unique("bench");
            var raw = prefix + ".raw";
            // retention by time off: the simulated scrapes are dated 2026-01-01 and would be deleted by the
            // broker's retention check (every 5 min) in the middle of the run
            try (var admin = Admin.create(Map.<String, Object>of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                    bootstrap))) {
                var keep = Map.of(TopicConfig.RETENTION_MS_CONFIG, "-1");
                admin.createTopics(List.of(new NewTopic(raw, partitions, (short) 1).configs(keep),
                        new NewTopic(prefix + ".rollup.1m", partitions, (short) 1).configs(keep),
                        new NewTopic(prefix + ".rollup.1h", partitions, (short) 1).configs(keep),
                        new NewTopic(prefix + ".late", 1, (short) 1).configs(keep),
                        new NewTopic(prefix + ".alerts", 1, (short) 1),
                        new NewTopic(prefix + ".dlq", 1, (short) 1))).all().get(60, TimeUnit.SECONDS);
            }
            Thread.sleep(2000);

            var start = Instant.parse("2026-01-01T00:00:00Z");
            var spec = new FleetSpec(1, nodes, pods, containers, FleetSpec.DEFAULT_SEED,
                    FleetSpec.DEFAULT_SCRAPE_INTERVAL, FleetSpec.Churn.typical());
            RawScrapeProducer.Result produced;
            var fleet = new Fleet(spec, start);
            // the collector's own compression by default (zstd), so both readers below pay for decompressing what
            // production writes; RAW_COMPRESSION=none gives the uncompressed comparison
            var compression = System.getenv().getOrDefault("RAW_COMPRESSION", "zstd");
            try (var producer = new RawScrapeProducer(bootstrap, raw, Map.of("compression.type", compression))) {
                produced = producer.produceRange(fleet, start,
                        start.plus(spec.scrapeInterval().multipliedBy(slots)), RawScrapeProducer.MAX_RATE);
            }
            if (produced.failed() > 0) {
                throw new IllegalStateException("the broker refused " + produced.failed() + " scrapes: "
                        + produced.firstFailure());
            }
            System.gc();
            say("produced %d scrapes, %.1f MB, avg %.1f kB/scrape, compression %s", produced.scrapes(),
                    produced.bytes() / 1e6, produced.bytes() / 1e3 / produced.scrapes(), compression);

            int sentinels = closeLastWindows(bootstrap, raw, partitions, fleet, start.plusSeconds(15L * slots + 120),
                    compression);
            double rawRate = rawConsumeRate(bootstrap, raw, produced.scrapes() + sentinels, own);
            var result = aggregate(bootstrap, prefix, raw, partitions, threads, produced.scrapes() + sentinels, own);

            double perSecond = result[0];
            double cores = result[1];
            double containerSamples = perSecond * pods * containers;
            double realTime = nodes / (double) spec.scrapeInterval().toSeconds();
            say("");
            say("| fleet | %d nodes × %d pods × %d containers, %d slots of 15 s (%d scrapes, %.1f kB each) |",
                    nodes, pods, containers, slots, produced.scrapes(), produced.bytes() / 1e3 / produced.scrapes());
            say("| raw topic | %d partitions; aggregator %d stream threads |", partitions, threads);
            say("| broker raw consume rate (plain consumer, bytes only) | %.0f scrapes/s |", rawRate);
            say("| aggregator | %.0f scrapes/s = %.0f container samples/s, %.2f cores busy |", perSecond,
                    containerSamples, cores);
            say("| aggregator per core | %.0f container samples/s per core |", containerSamples / cores);
            say("| broker during the aggregator run | %.2f cores busy |", result[2]);
            say("| aggregator vs raw consume | %.0f %% |", 100 * perSecond / rawRate);
            say("| real-time factor (fleet produces %.0f scrapes/s) | %.1f× |", realTime, perSecond / realTime);
        } finally {
            if (own != null) {
                own.close();
            }
        }
    }

    /**
     * One scrape per raw partition, well after the fleet's last window + grace, so that every window of the
     * fleet closes (rates, statistics, rollups written) before the last input offset is committed: without it
     * the last window's closing work would fall outside the measured interval.
     */
    private static int closeLastWindows(String bootstrap, String topic, int partitions, Fleet fleet, Instant at,
                                        String compression) throws Exception {
        var seen = new HashSet<Integer>();
        try (var producer = new KafkaProducer<>(Map.<String, Object>of(
                "bootstrap.servers", bootstrap, "compression.type", compression, "partitioner.ignore.keys", false),
                new StringSerializer(),
                new ByteArraySerializer())) {
            for (var ref : fleet.nodeRefs()) {
                int p = Utils.toPositive(Utils.murmur2(
                        ref.key().getBytes(StandardCharsets.UTF_8))) % partitions;
                if (seen.add(p)) {
                    var json = RawScrapeWriter.write(fleet.scrape(ref.cluster(), ref.node(), at));
                    producer.send(new ProducerRecord<>(topic, p, ref.key(), json))
                            .get();
                }
                if (seen.size() == partitions) {
                    break;
                }
            }
        }
        return seen.size();
    }

    /** Scrapes per second a plain byte consumer reads from the topic's start to its end. */
    private static double rawConsumeRate(String bootstrap, String topic, long expected, BenchBroker broker) {
        var props = new HashMap<String, Object>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, topic + "-raw-reader");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
        props.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 64 << 20);
        props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 16 << 20);
        try (var consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long count = 0;
            long bytes = 0;
            long first = 0;
            long firstCpu = 0;
            double firstBrokerCpu = Double.NaN;
            var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
            while (count < expected && System.nanoTime() < deadline) {
                var records = consumer.poll(Duration.ofSeconds(1));
                if (first == 0 && !records.isEmpty()) {
                    first = System.nanoTime();
                    firstCpu = os.getProcessCpuTime();
                    firstBrokerCpu = broker == null ? Double.NaN : broker.cpuSeconds();
                }
                for (var r : records) {
                    count++;
                    bytes += r.serializedValueSize();
                }
            }
            double seconds = (System.nanoTime() - first) / 1e9;
            double cpu = (os.getProcessCpuTime() - firstCpu) / 1e9;
            double brokerCpu = broker == null ? Double.NaN : broker.cpuSeconds() - firstBrokerCpu;
            say("raw consume: %d scrapes, %.1f MB in %.2f s = %.0f scrapes/s, %.0f MB/s; CPU per scrape: consumer"
                    + " %.3f ms (fetching, decompressing), broker %.3f ms", count, bytes / 1e6, seconds,
                    count / seconds, bytes / 1e6 / seconds, 1e3 * cpu / count, 1e3 * brokerCpu / count);
            return count / seconds;
        }
    }

    /** [scrapes/s, aggregator cores, broker cores] between the first and the last committed input offset. */
    private static double[] aggregate(String bootstrap, String prefix, String raw, int partitions, int threads,
                                      long expected, BenchBroker broker) throws Exception {
        var appId = prefix + "-aggregator";
        var env = new HashMap<String, String>();
        env.put("HEAPSTREAM_KAFKA_BOOTSTRAP", bootstrap);
        env.put("HEAPSTREAM_APPLICATION_ID", appId);
        env.put("HEAPSTREAM_RAW_TOPIC", raw);
        env.put("HEAPSTREAM_ROLLUP_TOPIC_PREFIX", prefix + ".rollup.");
        env.put("HEAPSTREAM_LATE_TOPIC", prefix + ".late");
        env.put("HEAPSTREAM_DEAD_LETTER_TOPIC", prefix + ".dlq");
        env.put("HEAPSTREAM_STREAM_THREADS", String.valueOf(threads));
        env.put("HEAPSTREAM_STATE_DIR", "target/bench-state-" + prefix);
        env.putAll(System.getenv().entrySet().stream().filter(e -> e.getKey().startsWith("BENCH_"))
                .collect(java.util.stream.Collectors.toMap(e -> e.getKey().substring(6), Map.Entry::getValue)));
        System.setProperty("bench.alerts.topic", prefix + ".alerts");   // where a tap's events go, if it writes any
        var tap = AggregatorRun.tap(System.getProperty("bench.tap"));
        if (tap != null) {
            say("aggregator with the tap %s", tap.getClass().getName());
        }
        try (var admin = Admin.create(Map.<String, Object>of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            var run = AggregatorRun.run(AggregatorConfig.fromMap(env), tap, expected, Duration.ofMinutes(30),
                    () -> broker == null ? Double.NaN : broker.cpuSeconds());
            // timed from the first commit; a tiny input, all in the first commit, from the start
            var first = run.first().committed() == run.end().committed() ? run.start() : run.first();
            var end = run.end();
            double seconds = first.seconds(end);
            double cpuSeconds = first.cpu(end);
            long scrapes = end.committed() - first.committed();
            double rate = scrapes / seconds;
            say("aggregator: %d scrapes committed in %.2f s (after the first commit) = %.0f scrapes/s, CPU %.1f s"
                    + " = %.2f cores", scrapes, seconds, rate, cpuSeconds, cpuSeconds / seconds);
            first.threads(end).forEach((kind, cpu) -> say("  %-22s %6.1f CPU s = %.2f ms per scrape", kind, cpu,
                    1e3 * cpu / scrapes));
            topicBytes(admin, prefix, end.committed());
            return new double[] {rate, cpuSeconds / seconds, first.brokerCpu(end) / seconds};
        } finally {
            BenchBroker.deleteTree(java.nio.file.Path.of(env.get("HEAPSTREAM_STATE_DIR")));
        }
    }

    /**
     * What the run left in the broker's logs per topic of the run, per scrape read: the raw topic as written,
     * and what the aggregator wrote (state changelogs, the totals repartition topic, rollups), which the broker
     * appended, and for state, compacted later. Compacted and purged topics show what remains when asked.
     */
    private static void topicBytes(Admin admin, String prefix, long scrapes) throws Exception {
        var brokers = admin.describeCluster().nodes().get(10, TimeUnit.SECONDS).stream().map(n -> n.id()).toList();
        var sizes = new java.util.TreeMap<String, Long>();
        admin.describeLogDirs(brokers).allDescriptions().get(30, TimeUnit.SECONDS).values().forEach(dirs ->
                dirs.values().forEach(dir -> dir.replicaInfos().forEach((tp, info) -> {
                    if (tp.topic().startsWith(prefix)) {
                        sizes.merge(tp.topic().substring(prefix.length()), info.size(), Long::sum);
                    }
                })));
        sizes.forEach((topic, size) -> say("  log %-42s %8.1f MB = %6.1f kB per scrape", topic, size / 1e6,
                size / 1e3 / scrapes));
    }


    private static int arg(String[] args, int i, int fallback) {
        return args.length > i ? Integer.parseInt(args[i]) : fallback;
    }

    private static void say(String format, Object... values) {
        System.out.println(String.format(Locale.ROOT, format, values));
    }
}
