import io.heapstream.aggregator.AggregatorService;
import io.heapstream.aggregator.config.AggregatorConfig;
import io.heapstream.model.Topics;
import io.heapstream.testkit.InfluxServer;
import io.heapstream.testkit.KafkaBroker;
import io.heapstream.testkit.sim.Fleet;
import io.heapstream.testkit.sim.FleetSpec;
import io.heapstream.testkit.sim.RawScrapeProducer;
import io.heapstream.writer.WriterConfig;
import io.heapstream.writer.WriterService;
import io.heapstream.writer.delivery.Batch;
import io.heapstream.writer.delivery.PendingRecord;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.ToDoubleFunction;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

/**
 * End-to-end freshness under load, at one or more fleet sizes: a simulated fleet produced live, in real time, on
 * its scrape grid (as collectors would publish it) → a real broker → the aggregator → the writer → a real
 * InfluxDB, fresh services per load. For every point InfluxDB acknowledges, freshness = acknowledgement time − its
 * window's end (InfluxDB 1.x answers a query with a point as soon as it acknowledged its write), split into three
 * stages: window end → the rollup's append to the broker (the rollup topics use {@code LogAppendTime}: grace,
 * stream time, the aggregator's work and commit), append → read by the writer (transaction commit, consumer lag,
 * the writer pausing at --max-pending-points), read → acknowledged (batching, lane queue, InfluxDB's write).
 *
 * <p>Windows count when they closed while the fleet was live (end + grace before production stopped); after
 * production stops the pipeline drains (up to {@link #DRAIN}) so that their last points are acknowledged and
 * timed; points still not acknowledged then are counted at the drain's end (so the quantiles are lower bounds,
 * and the table says how many).
 *
 * <p>Usage: {@code java -cp <app test classpath> bench/e2e/FreshnessBench.java [nodes=50,100,250,500] [pods=30]
 * [minutes=3] [window=1m] [grace=30s] [scrape=15s] [partitions=4]}
 */
public final class FreshnessBench {
    static final Duration DRAIN = Duration.ofSeconds(60);
    /** The writer and aggregator settings the bench runs with (see docs/benchmarks.md, "End to end"). */
    static final Map<String, String> WRITER = Map.of("HEAPSTREAM_BATCH_SIZE", "2000",
            "HEAPSTREAM_FLUSH_INTERVAL", "200ms", "HEAPSTREAM_WRITE_PARALLELISM", "2",
            "HEAPSTREAM_MAX_PENDING_POINTS", "200000");
    /** A transaction commit every 200 ms: its records become readable then (read_committed), not a second later. */
    static final Map<String, String> AGGREGATOR = Map.of("HEAPSTREAM_COMMIT_INTERVAL", "200ms");

    public static void main(String[] args) throws Exception {
        int[] loads = Arrays.stream((args.length > 0 ? args[0] : "50,100,250,500").split(","))
                .mapToInt(Integer::parseInt).toArray();
        int pods = arg(args, 1, 30);
        int minutes = arg(args, 2, 3);
        var window = duration(args, 3, "1m");
        var grace = duration(args, 4, "30s");
        var scrape = duration(args, 5, "15s");
        int partitions = arg(args, 6, 4);
        System.out.printf(Locale.ROOT, "setup: %d pods per node (1 container each), %s grid, produced live for %d min"
                        + " per load then drained up to %d s; window %s, grace %s, %d partitions per topic; writer %s;"
                        + " aggregator %s; influxd overrides: %s%n", pods, Topics.suffix(scrape), minutes,
                DRAIN.toSeconds(), Topics.suffix(window), Topics.suffix(grace), partitions, new TreeMap<>(WRITER),
                AGGREGATOR, influxOverrides());
        var rows = new ArrayList<Result>();
        for (int nodes : loads) {
            String loadBefore = loadAverage();
            var result = run(nodes, pods, minutes, window, grace, scrape, partitions);
            rows.add(result);
            System.err.printf(Locale.ROOT, "bench/e2e: %d nodes done (load before %s, after %s)%n", nodes, loadBefore,
                    loadAverage());
            System.out.println(result.describe(loadBefore, loadAverage()));
        }
        print(rows, grace);
        System.exit(0);
    }

    static Result run(int nodes, int pods, int minutes, Duration window, Duration grace, Duration scrape,
                      int partitions) throws Exception {
        try (var broker = KafkaBroker.launch(); var influx = InfluxServer.launch()) {
            createTopics(broker.bootstrap(), window, partitions);
            var acks = new Acks(window);
            var writerRegistry = new SimpleMeterRegistry();
            var writerSettings = new HashMap<>(WRITER);
            writerSettings.putAll(Map.of("HEAPSTREAM_KAFKA_BOOTSTRAP", broker.bootstrap(),
                    "HEAPSTREAM_INFLUX_URL", influx.url(),
                    "HEAPSTREAM_RETENTION", Topics.suffix(window) + "=7d,1h=400d"));
            var writer = new WriterService(WriterConfig.fromMap(writerSettings), writerRegistry, acks);
            var aggregatorRegistry = new SimpleMeterRegistry();
            var aggregatorSettings = new HashMap<>(AGGREGATOR);
            aggregatorSettings.putAll(Map.of("HEAPSTREAM_KAFKA_BOOTSTRAP", broker.bootstrap(),
                    "HEAPSTREAM_WINDOW", Topics.suffix(window),
                    "HEAPSTREAM_GRACE", Topics.suffix(grace),
                    "HEAPSTREAM_RESOLUTIONS", "1h",
                    "HEAPSTREAM_RAW_PARTITIONS", Integer.toString(partitions),
                    "HEAPSTREAM_STATE_DIR", Files.createTempDirectory("bench-e2e-state-").toString()));
            var aggregator = new AggregatorService(AggregatorConfig.fromMap(aggregatorSettings), aggregatorRegistry);
            writer.start();
            aggregator.start();
            while (!(aggregator.isReady() && writer.isReady())) {
                Thread.sleep(200);
            }
            var spec = new FleetSpec(1, nodes, pods, 1, 42, scrape, FleetSpec.Churn.typical());
            var started = Instant.now();
            var cpu = new CpuMeter();
            var running = new AtomicBoolean(true);
            var producer = new RawScrapeProducer(broker.bootstrap(), Topics.DEFAULT_RAW, Map.of());
            var produce = new Thread(() -> producer.produceLive(new Fleet(spec, started), Clock.systemUTC(),
                    RawScrapeProducer.MAX_RATE, running::get), "bench-produce");
            produce.start();
            var pauses = new PauseSampler(writer);
            pauses.start();
            Thread.sleep(Duration.ofMinutes(minutes).toMillis());
            running.set(false);
            produce.join();
            var stopped = Instant.now();
            producer.close();
            boolean drained = drain(broker.bootstrap(), writer);
            var end = Instant.now();
            long left = writer.metrics().pendingPoints().get() + writer.metrics().consumerLag().get();
            pauses.interrupt();
            var cores = cpu.coresSince();
            aggregator.close();
            writer.stop();
            // Windows that start before the first full one are partial; those closing after production stopped
            // were closed by the aggregator's idle timeout, not by live records: leave both out.
            long firstFull = (started.toEpochMilli() / window.toMillis() + 1) * window.toMillis();
            long lastClosed = stopped.minus(grace).toEpochMilli();
            var samples = acks.samples(firstFull, lastClosed);
            return new Result(nodes, pods, scrape, grace, samples, acks.allValues.get(), left,
                    drained, cores, pauses.pausedFraction(), Duration.between(started, end),
                    aggregatorRegistry.get("heapstream.aggregator.late.records").counter().count());
        }
    }

    private static void createTopics(String bootstrap, Duration window, int partitions) throws Exception {
        // LogAppendTime: a rollup's timestamp is when the broker appended it, the aggregator stage's end.
        var appendTime = Map.of("message.timestamp.type", "LogAppendTime");
        var topics = new ArrayList<NewTopic>();
        topics.add(new NewTopic(Topics.DEFAULT_RAW, partitions, (short) 1));
        for (var resolution : List.of(window, Duration.ofHours(1))) {
            topics.add(new NewTopic(Topics.DEFAULT_ROLLUP_PREFIX + Topics.suffix(resolution), partitions, (short) 1)
                    .configs(appendTime));
        }
        topics.add(new NewTopic(Topics.DEFAULT_LATE, 1, (short) 1));
        topics.add(new NewTopic(Topics.DEFAULT_DEAD_LETTER, 1, (short) 1));
        try (var admin = admin(bootstrap)) {
            admin.createTopics(topics).all().get();
        }
    }

    /** Until the aggregator has read every raw record and the writer has nothing pending: true if in time. */
    private static boolean drain(String bootstrap, WriterService writer) throws Exception {
        long deadline = System.nanoTime() + DRAIN.toNanos();
        try (var admin = admin(bootstrap)) {
            while (System.nanoTime() < deadline) {
                var committed = admin.listConsumerGroupOffsets("heapstream-aggregator").partitionsToOffsetAndMetadata()
                        .get();
                var raw = new HashMap<TopicPartition, OffsetSpec>();
                committed.keySet().stream().filter(p -> p.topic().equals(Topics.DEFAULT_RAW))
                        .forEach(p -> raw.put(p, OffsetSpec.latest()));
                var ends = admin.listOffsets(raw).all().get();
                boolean aggregated = !raw.isEmpty() && ends.entrySet().stream()
                        .allMatch(e -> committed.get(e.getKey()).offset() >= e.getValue().offset());
                if (aggregated && writer.metrics().consumerLag().get() == 0
                        && writer.metrics().pendingPoints().get() == 0) {
                    return true;
                }
                Thread.sleep(500);
            }
        }
        return false;
    }

    private static Admin admin(String bootstrap) {
        return Admin.create(Map.<String, Object>of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
    }

    private static void print(List<Result> rows, Duration grace) {
        System.out.println();
        System.out.println("| nodes × pods | scrapes/s | points per window | values per window | p50 | p99 | max"
                + " | p99 past grace | target p99 ≤ 5 s past grace | window end → appended (p50 / p99)"
                + " | appended → read by writer (p50 / p99) | read → acknowledged by InfluxDB (p50 / p99)"
                + " | cores: influxd / broker / bench JVM | influxd values per CPU-second | writer paused |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        rows.forEach(row -> System.out.println(row.tableRow()));
        Result largest = null;
        for (Result row : rows) {
            if (row.met()) {
                largest = largest == null || row.nodes > largest.nodes ? row : largest;
            }
        }
        System.out.println();
        System.out.printf(Locale.ROOT, "largest load meeting p99 ≤ 5 s past grace (%s): %s%n", Topics.suffix(grace),
                largest == null ? "none of those measured" : largest.nodes + " nodes × " + largest.pods + " pods");
        var finalLargest = largest;
        rows.stream().filter(r -> !r.met() && (finalLargest == null || r.nodes > finalLargest.nodes)).findFirst()
                .ifPresent(r -> System.out.printf(Locale.ROOT, "bound beyond it: at %d nodes, p99 past grace %.1f s"
                                + " (p99 by stage: aggregator %.1f s past grace, to the writer %.1f s, writer + InfluxDB"
                                + " %.1f s); a window is %,.0f values, which at the %,.0f values per CPU-second InfluxDB"
                                + " took (writes, snapshots, compactions) is %.1f influxd CPU-seconds, on %d cores shared"
                                + " with everything else%n", r.nodes, r.p99() - r.grace.toMillis() / 1000.0,
                        r.stageP99(s -> (s.appended() - s.windowEnd()) / 1000.0) - r.grace.toMillis() / 1000.0,
                        r.stageP99(s -> (s.read() - s.appended()) / 1000.0),
                        r.stageP99(s -> (s.acknowledged() - s.read()) / 1000.0), r.valuesPerWindow(),
                        r.valuesPerInfluxCpuSecond(), r.valuesPerWindow() / Math.max(1, r.valuesPerInfluxCpuSecond()),
                        Runtime.getRuntime().availableProcessors()));
    }

    /** One point-bearing record's timeline: its window end and when each stage ended, epoch millis. */
    record Sample(long windowEnd, int points, int values, long appended, long read, long acknowledged) {
        double total() {
            return (acknowledged - windowEnd) / 1000.0;
        }
    }

    /** Acknowledgement time of every base-resolution record, with its stage times. */
    static final class Acks implements io.heapstream.writer.delivery.WriterHooks {
        private final Duration window;
        private final ConcurrentLinkedQueue<Sample> samples = new ConcurrentLinkedQueue<>();
        /** Every value InfluxDB acknowledged, of every window and resolution: what influxd's CPU paid for. */
        private final java.util.concurrent.atomic.AtomicLong allValues = new java.util.concurrent.atomic.AtomicLong();

        Acks(Duration window) {
            this.window = window;
        }

        @Override
        public void acknowledged(Batch batch) {
            long now = System.currentTimeMillis();
            for (PendingRecord record : batch.records()) {
                int values = 0;
                for (String line : record.lines()) {
                    values += fields(line);
                }
                allValues.addAndGet(values);
                if (record.lines().isEmpty() || !record.retentionPolicy().endsWith(Topics.suffix(window))) {
                    continue;
                }
                String first = record.lines().get(0);
                long start = Long.parseLong(first.substring(first.lastIndexOf(' ') + 1));
                samples.add(new Sample(start + window.toMillis(), record.lines().size(), values,
                        record.recordTime().toEpochMilli(), record.readAt().toEpochMilli(), now));
            }
        }

        /** Fields of a line: the '=' signs after the first space (tags are escaped, numbers have none). */
        private static int fields(String line) {
            int count = 0;
            for (int i = line.indexOf(' '); i < line.length(); i++) {
                if (line.charAt(i) == '=') {
                    count++;
                }
            }
            return count;
        }

        List<Sample> samples(long firstFullStart, long lastClosedEnd) {
            return samples.stream().filter(s -> s.windowEnd - window.toMillis() >= firstFullStart
                    && s.windowEnd <= lastClosedEnd).toList();
        }
    }

    /** {@code left}: points pending in the writer plus records not yet read by it when the drain ended. */
    record Result(int nodes, int pods, Duration scrape, Duration grace, List<Sample> samples, long allValues,
                  long left, boolean drained, double[] cores, double pausedFraction, Duration elapsed, double late) {
        long windows() {
            return samples.stream().mapToLong(Sample::windowEnd).distinct().count();
        }

        double valuesPerWindow() {
            return samples.stream().mapToLong(Sample::values).sum() / (double) Math.max(1, windows());
        }

        double pointsPerWindow() {
            return samples.stream().mapToLong(Sample::points).sum() / (double) Math.max(1, windows());
        }

        /** Values acknowledged over the whole run (every window, both resolutions) per second of influxd CPU. */
        double valuesPerInfluxCpuSecond() {
            return cores[0] == 0 ? 0 : allValues / (cores[0] * elapsed.toMillis() / 1000.0);
        }

        double[] perPoint(ToDoubleFunction<Sample> stage) {
            int n = samples.stream().mapToInt(Sample::points).sum();
            double[] values = new double[n];
            int i = 0;
            for (Sample sample : samples) {
                double v = stage.applyAsDouble(sample);
                for (int k = 0; k < sample.points(); k++) {
                    values[i++] = v;
                }
            }
            Arrays.sort(values);
            return values;
        }

        double p99() {
            return stageP99(Sample::total);
        }

        double stageP99(ToDoubleFunction<Sample> stage) {
            double[] values = perPoint(stage);
            return values.length == 0 ? Double.NaN : quantile(values, 0.99);
        }

        boolean met() {
            return samples.size() > 0 && drained && p99() - grace.toMillis() / 1000.0 <= 5;
        }

        String tableRow() {
            double[] total = perPoint(Sample::total);
            if (total.length == 0) {
                return String.format(Locale.ROOT, "| %d × %d | - | no counted window was acknowledged |", nodes,
                        pods);
            }
            double g = grace.toMillis() / 1000.0;
            double p99 = quantile(total, 0.99);
            return String.format(Locale.ROOT, "| %d × %d | %.1f | %,.0f | %,.0f | %.1f s | %.1f s | %.1f s | %.1f s"
                            + " | %s | %s | %s | %s | %.2f / %.2f / %.2f | %,.0f | %.0f %% |",
                    nodes, pods, nodes / (double) scrape.toSeconds(), pointsPerWindow(), valuesPerWindow(),
                    quantile(total, 0.5), p99, total[total.length - 1], p99 - g,
                    met() ? "met" : drained ? "missed" : "missed (not drained in " + DRAIN.toSeconds() + " s)",
                    stage(s -> (s.appended() - s.windowEnd()) / 1000.0),
                    stage(s -> (s.read() - s.appended()) / 1000.0),
                    stage(s -> (s.acknowledged() - s.read()) / 1000.0),
                    cores[0], cores[1], cores[2], valuesPerInfluxCpuSecond(), 100 * pausedFraction);
        }

        private String stage(ToDoubleFunction<Sample> stage) {
            double[] values = perPoint(stage);
            return String.format(Locale.ROOT, "%.1f / %.1f s", quantile(values, 0.5), quantile(values, 0.99));
        }

        String describe(String loadBefore, String loadAfter) {
            return String.format(Locale.ROOT, "%d nodes × %d pods: %d counted windows, %,d points acknowledged,"
                            + " %s, late scrapes %.0f, ran %d s; load average before %s, after %s", nodes, pods,
                    windows(), samples.stream().mapToLong(Sample::points).sum(), drained ? "drained"
                            : "NOT drained within " + DRAIN.toSeconds() + " s (" + left + " points/records left)", late,
                    elapsed.toSeconds(), loadBefore, loadAfter);
        }
    }

    /** Samples whether the writer has paused consumption (at --max-pending-points), once a second. */
    static final class PauseSampler extends Thread {
        private final WriterService writer;
        private long samples;
        private long paused;

        PauseSampler(WriterService writer) {
            super("bench-pause-sampler");
            setDaemon(true);
            this.writer = writer;
        }

        @Override
        public void run() {
            try {
                while (!isInterrupted()) {
                    synchronized (this) {
                        samples++;
                        paused += writer.metrics().paused().get() ? 1 : 0;
                    }
                    Thread.sleep(1000);
                }
            } catch (InterruptedException e) {
                // done
            }
        }

        synchronized double pausedFraction() {
            return samples == 0 ? 0 : paused / (double) samples;
        }
    }

    /** Cores used since construction by influxd, the broker (child JVM) and this JVM (aggregator, writer, fleet). */
    static final class CpuMeter {
        private final long started = System.nanoTime();
        private final Duration influx = childCpu("influxd");
        private final Duration broker = childCpu("java");
        private final long self = selfCpuNanos();

        double[] coresSince() {
            double wall = System.nanoTime() - started;
            return new double[] {childCpu("influxd").minus(influx).toNanos() / wall,
                    childCpu("java").minus(broker).toNanos() / wall, (selfCpuNanos() - self) / wall};
        }

        private static Duration childCpu(String name) {
            return ProcessHandle.current().descendants()
                    .filter(p -> p.info().command().map(c -> c.contains(name)).orElse(false))
                    .map(p -> p.info().totalCpuDuration().orElse(Duration.ZERO))
                    .reduce(Duration.ZERO, Duration::plus);
        }

        private static long selfCpuNanos() {
            var os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
            return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : 0;
        }
    }

    private static String influxOverrides() {
        var overrides = new TreeMap<String, String>();
        System.getenv().forEach((k, v) -> {
            if (k.startsWith("INFLUXDB_")) {
                overrides.put(k, v);
            }
        });
        return overrides.isEmpty() ? "none" : overrides.toString();
    }

    private static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (Exception e) {
            return "unknown";
        }
    }

    static double quantile(double[] sorted, double q) {
        return sorted[(int) Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
    }

    private static int arg(String[] args, int index, int fallback) {
        return args.length > index ? Integer.parseInt(args[index]) : fallback;
    }

    private static Duration duration(String[] args, int index, String fallback) {
        return Duration.parse("PT" + (args.length > index ? args[index] : fallback).toUpperCase(Locale.ROOT));
    }
}
