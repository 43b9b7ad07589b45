import io.heapstream.aggregator.bench.AggregatorRun;
import io.heapstream.aggregator.config.AggregatorConfig;
import io.heapstream.app.replay.InfluxTarget;
import io.heapstream.app.replay.RawReplay;
import io.heapstream.app.replay.ReplayKafka;
import io.heapstream.app.replay.ReplayRange;
import io.heapstream.app.replay.ReplaySummary;
import io.heapstream.app.replay.Replays;
import io.heapstream.app.replay.RollupSink;
import io.heapstream.local.InfluxServer;
import io.heapstream.local.KafkaBroker;
import io.heapstream.model.Topics;
import io.heapstream.model.codec.RawScrapeWriter;
import io.heapstream.model.rollup.Rollup;
import io.heapstream.simulator.Fleet;
import io.heapstream.simulator.FleetSpec;
import io.heapstream.writer.WriterConfig;
import io.heapstream.writer.schema.InfluxSchema;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Replay benchmark (run through bench/replay/run.sh). A simulated history (default 1 h of 100 nodes x 30 pods at
 * 15 s) produced into a dedicated KRaft broker first, zstd as the collector writes it; then per round, each phase
 * in this JVM, the broker and influxd in child processes:
 * <ol>
 *   <li>the live aggregator: the production {@code AggregatorService} (its defaults: exactly_once_v2, one stream
 *       thread, state in RocksDB, changelogs, rollups to their topics), a fresh application id, from the start of
 *       the raw topic until its committed offsets reach the topic's end ({@code --live false} skips it);</li>
 *   <li>aggregation only: {@code replay raw} of the hour into a sink that drops the rollups;</li>
 *   <li>the ceiling: the same points as line protocol, pre-built, POSTed to a fresh database with the writer's
 *       batch size and parallelism;</li>
 *   <li>end to end: {@code replay raw} of the hour into another fresh database through the writer's schema.</li>
 * </ol>
 * Round 1 warms the JIT and builds the ceiling's bodies (its aggregation figure includes that); rounds 2.. are
 * the figures. CPU is this JVM's process CPU (all-in: consumer, GC, JIT, the writer's lanes) and the replay
 * thread's own or the live aggregator's stream threads' (work-only), and influxd's and the broker's from /proc, so
 * a shared machine's load shows in the wall-clock figures only.
 */
public final class ReplayBench {
    private static final Duration SCRAPE = Duration.ofSeconds(15);

    public static void main(String[] args) throws Exception {
        var options = new HashMap<String, String>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        int nodes = Integer.parseInt(options.getOrDefault("nodes", "100"));
        int pods = Integer.parseInt(options.getOrDefault("pods", "30"));
        int minutes = Integer.parseInt(options.getOrDefault("minutes", "60"));
        int partitions = Integer.parseInt(options.getOrDefault("partitions", "4"));
        int rounds = Integer.parseInt(options.getOrDefault("rounds", "2"));
        double livePerCpuSecond = Double.parseDouble(options.getOrDefault("live-per-cpu-s", "0"));
        // --agg-only true: the aggregation phase alone (e.g. under a profiler)
        boolean aggOnly = Boolean.parseBoolean(options.getOrDefault("agg-only", "false"));
        boolean live = Boolean.parseBoolean(options.getOrDefault("live", "true"));
        String loadBefore = loadAverage();
        var from = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(3));
        var to = from.plus(Duration.ofMinutes(minutes));
        var rows = new ArrayList<String>();
        try (var broker = KafkaBroker.launch(); var influxd = InfluxServer.launch()) {
            long produced = produce(broker.bootstrap(), partitions, new FleetSpec(1, nodes, pods, 1, 42, SCRAPE,
                    FleetSpec.Churn.typical()), from.minus(Duration.ofMinutes(1)), to.plus(Duration.ofMinutes(2)));
            System.out.printf(Locale.ROOT, "history: %d nodes x %d pods, %d min at %d s, %d scrapes produced (range"
                    + " and the window before and after), %d raw partitions, %s .. %s%n", nodes, pods, minutes,
                    SCRAPE.toSeconds(), produced, partitions, from, to);
            System.out.println();
            System.out.println("| round | phase | work | wall | rate | × real time | CPU | cores / memory |");
            System.out.println("|---|---|---|---|---|---|---|---|");
            createLiveOutputs(broker.bootstrap(), partitions);
            Ceiling ceiling = null;
            Measured lastLive = null;
            Measured lastAgg = null;
            for (int r = 1; r <= rounds; r++) {
                int round = r;
                Measured service = live ? live(broker, "bench_live-" + round, produced) : null;
                if (service != null) {
                    print(rows, liveRow(round, service, minutes));
                    lastLive = service;
                }
                var collect = round == 1 && !aggOnly ? new Ceiling(writer(influxd.url(), "unused").influxSchema(), 2000) : null;
                var agg = measure(() -> Replays.raw(job(broker.bootstrap(), "agg-" + round, from, to),
                        resolutions -> collect == null ? new Dropping() : collect, () -> false, false), influxd,
                        broker);
                if (collect != null) {
                    ceiling = collect;
                }
                print(rows, row(round, "aggregation only", agg, minutes, livePerCpuSecond, service));
                lastAgg = agg;
                if (aggOnly) {
                    continue;
                }
                var c = ceiling;
                var post = measure(() -> c.post(influxd.url(), "ceiling_" + round, writer(influxd.url(),
                        "ceiling_" + round)), influxd, broker);
                print(rows, String.format(Locale.ROOT, "| %d | ceiling: line protocol POST | %d points | %.1f s |"
                        + " %.0f points/s | — | — | influxd %.2f cores, JVM %.2f cores |", round, c.points,
                        post.wall, c.points / post.wall, post.influxCpu / post.wall, post.cpu / post.wall));
                var e2e = measure(() -> Replays.raw(job(broker.bootstrap(), "e2e-" + round, from, to),
                        new InfluxTarget(writer(influxd.url(), "replay_" + round), null, Duration.ofMinutes(2)),
                        () -> false, false), influxd, broker);
                print(rows, row(round, "end to end into InfluxDB", e2e, minutes, livePerCpuSecond, service)
                        + String.format(Locale.ROOT, " %.0f points/s = %.0f %% of the ceiling's %.0f |",
                        e2e.summary.points() / e2e.wall, 100 * e2e.summary.points() / e2e.wall
                                / (c.points / post.wall), c.points / post.wall));
            }
            if (lastLive != null) {
                compare(rounds, lastLive, lastAgg, livePerCpuSecond);
            }
            System.out.printf(Locale.ROOT, "%nmachine: %d cores; Java %s; InfluxDB %s; Kafka 4.4.0 (KRaft, child"
                    + " JVM); live aggregator (TopologyCpuBench, same session): %.0f scrapes per CPU-s; load average"
                    + " before %s, after %s; this JVM's peak RSS %d MB%n", Runtime.getRuntime().availableProcessors(),
                    System.getProperty("java.version"), influxd.version(), livePerCpuSecond, loadBefore, loadAverage(),
                    status("VmHWM") / 1024);
        }
    }

    private static void print(List<String> rows, String row) {
        rows.add(row);
        System.out.println(row);
        System.out.flush();
    }

    private static String row(int round, String phase, Measured m, int minutes, double topology, Measured live) {
        var s = m.summary;
        double perCpu = s.read() / m.cpu;
        double perThreadCpu = s.read() / m.threadCpu;
        return String.format(Locale.ROOT, "| %d | %s | %d scrapes, %d rollups, %d points | %.1f s | %.0f scrapes/s"
                        + " | %.0f× | all-in %.1f CPU-s = %.0f scrapes/CPU-s%s; work-only (replay thread) %.1f CPU-s ="
                        + " %.0f scrapes/CPU-s%s; GC %.1f s | JVM %.2f cores, influxd %.2f, broker %.2f; RSS %d MB;"
                        + " load %s |", round, phase, s.read(), s.rollups(), s.points(), m.wall, s.read() / m.wall,
                minutes * 60 / m.wall, m.cpu, perCpu, live == null ? "" : String.format(Locale.ROOT,
                        " (%.2f× the live service's)", perCpu / live.perCpu()), m.threadCpu, perThreadCpu,
                (live == null ? "" : String.format(Locale.ROOT, " (%.2f× its stream threads')", perThreadCpu
                        / live.perThreadCpu())) + (topology > 0 ? String.format(Locale.ROOT, ", %.2f× TopologyCpuBench's"
                        + " %.0f", perThreadCpu / topology, topology) : ""),
                m.gc, m.cpu / m.wall, m.influxCpu / m.wall, m.brokerCpu / m.wall, status("VmRSS") / 1024, loadAverage());
    }

    private static String liveRow(int round, Measured m, int minutes) {
        long scrapes = m.summary.read();
        return String.format(Locale.ROOT, "| %d | live aggregator (AggregatorService, production defaults) | %d"
                        + " scrapes | %.1f s | %.0f scrapes/s | %.0f× | all-in %.1f CPU-s = %.0f scrapes/CPU-s;"
                        + " work-only (stream threads) %.1f CPU-s = %.0f scrapes/CPU-s; GC %.1f s | JVM %.2f cores,"
                        + " broker %.2f; RSS %d MB; load %s |", round, scrapes, m.wall, scrapes / m.wall,
                minutes * 60 / m.wall, m.cpu, m.perCpu(), m.threadCpu, m.perThreadCpu(), m.gc, m.cpu / m.wall,
                m.brokerCpu / m.wall, status("VmRSS") / 1024, loadAverage());
    }

    /** The last round's aggregation, replay against the live service, all-in and work-only. */
    private static void compare(int round, Measured live, Measured replay, double topology) {
        System.out.printf(Locale.ROOT, "%nround %d, scrapes per CPU-second:%n%n| | live aggregator | replay raw |"
                + " replay ÷ live |%n|---|---|---|---|%n", round);
        System.out.printf(Locale.ROOT, "| all-in (process CPU) | %.0f | %.0f | %.2f× |%n", live.perCpu(),
                replay.perCpu(), replay.perCpu() / live.perCpu());
        System.out.printf(Locale.ROOT, "| work-only (stream threads / replay thread) | %.0f | %.0f | %.2f× |%n",
                live.perThreadCpu(), replay.perThreadCpu(), replay.perThreadCpu() / live.perThreadCpu());
        if (topology > 0) {
            System.out.printf(Locale.ROOT, "| work-only, TopologyCpuBench (TopologyTestDriver, one thread) | %.0f |"
                    + " %.0f | %.2f× |%n", topology, replay.perThreadCpu(), replay.perThreadCpu() / topology);
        }
    }

    /** The topics the live aggregator writes and does not make itself, with its default names. */
    private static void createLiveOutputs(String bootstrap, int partitions) throws Exception {
        try (var admin = Admin.create(Map.<String, Object>of("bootstrap.servers", bootstrap))) {
            var keep = Map.of("retention.ms", "-1");
            admin.createTopics(List.of(
                    new NewTopic(Topics.DEFAULT_ROLLUP_PREFIX + "1m", partitions, (short) 1).configs(keep),
                    new NewTopic(Topics.DEFAULT_ROLLUP_PREFIX + "1h", partitions, (short) 1).configs(keep),
                    new NewTopic(Topics.DEFAULT_LATE, 1, (short) 1).configs(keep),
                    new NewTopic(Topics.DEFAULT_DEAD_LETTER, 1, (short) 1))).all().get();
        }
    }

    /**
     * The live aggregator as deployed (AggregatorConfig's defaults but the broker, a fresh application id and
     * state directory) over the whole raw topic; all-in = this JVM's CPU from its start to its last commit,
     * work-only = its stream threads' (thread names start with the application id, see ThreadCpu).
     */
    private static Measured live(KafkaBroker broker, String applicationId, long scrapes) throws Exception {
        var state = Files.createTempDirectory("replay-bench-live");
        try {
            var config = AggregatorConfig.fromMap(Map.of("HEAPSTREAM_KAFKA_BOOTSTRAP", broker.bootstrap(),
                    "HEAPSTREAM_APPLICATION_ID", applicationId, "HEAPSTREAM_STATE_DIR", state.toString()));
            long gc0 = gcMillis();
            var run = AggregatorRun.run(config, scrapes, Duration.ofMinutes(30), () -> childCpu("java"));
            var start = run.start();
            var end = run.end();
            if (end.committed() < scrapes) {
                throw new IllegalStateException("the live aggregator committed " + end.committed() + " of " + scrapes
                        + " scrapes in 30 minutes");
            }
            return new Measured(new ReplaySummary(scrapes, 0, 0, 0, 0, 0, 0, 0, 0, false), start.seconds(end),
                    start.cpu(end), start.threads(end).getOrDefault("stream threads", 0.0),
                    (gcMillis() - gc0) / 1e3, 0, start.brokerCpu(end));
        } finally {
            try (var files = Files.walk(state)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    private static RawReplay.RawReplayJob job(String bootstrap, String id, Instant from, Instant to) {
        var aggregator = AggregatorConfig.fromMap(Map.of("HEAPSTREAM_KAFKA_BOOTSTRAP", bootstrap));
        return new RawReplay.RawReplayJob(new ReplayKafka(bootstrap, Map.of(), id, Duration.ofMinutes(1)),
                aggregator.settings(1), ReplayRange.of(from, to, Instant.now(), Duration.ofMinutes(1)), null, false, 0,
                Duration.ofMinutes(2));
    }

    private static WriterConfig writer(String url, String database) {
        return WriterConfig.fromMap(Map.of("HEAPSTREAM_INFLUX_URL", url, "HEAPSTREAM_INFLUX_DB", database,
                "HEAPSTREAM_RETENTION", "1m=inf,1h=inf"));
    }

    /** The history on the raw topic, stamped with its slots, zstd-compressed as the collector writes it. */
    private static long produce(String bootstrap, int partitions, FleetSpec spec, Instant start, Instant end)
            throws Exception {
        try (var admin = Admin.create(Map.<String, Object>of("bootstrap.servers", bootstrap))) {
            admin.createTopics(List.of(new NewTopic(io.heapstream.model.Topics.DEFAULT_RAW, partitions, (short) 1)
                    .configs(Map.of("retention.ms", "-1")))).all().get();
        }
        var fleet = new Fleet(spec, start);
        long sent = 0;
        try (var producer = new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers", bootstrap,
                "compression.type", "zstd", "linger.ms", 50, "batch.size", 1 << 20, "max.request.size", 8 << 20),
                new StringSerializer(), new ByteArraySerializer())) {
            for (var slot = start; slot.isBefore(end); slot = slot.plus(SCRAPE)) {
                for (var scrape : fleet.scrapes(slot)) {
                    producer.send(new ProducerRecord<>(io.heapstream.model.Topics.DEFAULT_RAW, null, slot.toEpochMilli(), scrape.key(),
                            RawScrapeWriter.write(scrape)));
                    sent++;
                }
            }
            producer.flush();
        }
        return sent;
    }

    private record Measured(ReplaySummary summary, double wall, double cpu, double threadCpu, double gc,
                            double influxCpu, double brokerCpu) {
        double perCpu() {
            return summary.read() / cpu;
        }

        double perThreadCpu() {
            return summary.read() / threadCpu;
        }
    }

    private static Measured measure(Callable<ReplaySummary> run, InfluxServer influxd, KafkaBroker broker)
            throws Exception {
        var threads = ManagementFactory.getThreadMXBean();
        double influx0 = childCpu("influxd");
        double broker0 = childCpu("java");
        long cpu0 = processCpuNanos();
        long thread0 = threads.getCurrentThreadCpuTime();
        long gc0 = gcMillis();
        long t0 = System.nanoTime();
        var summary = run.call();
        return new Measured(summary, (System.nanoTime() - t0) / 1e9, (processCpuNanos() - cpu0) / 1e9,
                (threads.getCurrentThreadCpuTime() - thread0) / 1e9, (gcMillis() - gc0) / 1e3,
                childCpu("influxd") - influx0, childCpu("java") - broker0);
    }

    /** Drops every rollup: the aggregation side alone. */
    private static final class Dropping implements RollupSink {
        private long count;

        @Override
        public void accept(Rollup rollup) {
            count++;
        }

        @Override
        public void flush() { }

        @Override
        public long written() {
            return count;
        }

        @Override
        public void close() { }
    }

    /** Collects the replay's points as the writer's line protocol in request bodies; then POSTs them. */
    private static final class Ceiling implements RollupSink {
        private final InfluxSchema schema;
        private final int batchSize;
        private final Map<String, List<byte[]>> bodies = new HashMap<>();
        private final Map<String, List<String>> open = new HashMap<>();
        long points;

        Ceiling(InfluxSchema schema, int batchSize) {
            this.schema = schema;
            this.batchSize = batchSize;
        }

        @Override
        public void accept(Rollup rollup) {
            var policy = schema.retentionPolicy(rollup.resolution());
            var lines = open.computeIfAbsent(policy, p -> new ArrayList<>());
            lines.addAll(schema.lines(rollup));
            if (lines.size() >= batchSize) {
                cut(policy, lines);
            }
        }

        private void cut(String policy, List<String> lines) {
            points += lines.size();
            bodies.computeIfAbsent(policy, p -> new ArrayList<>()).add(String.join("\n", lines)
                    .getBytes(StandardCharsets.UTF_8));
            lines.clear();
        }

        @Override
        public void flush() {
            open.forEach((policy, lines) -> {
                if (!lines.isEmpty()) {
                    cut(policy, lines);
                }
            });
        }

        @Override
        public long written() {
            return points;
        }

        @Override
        public void close() { }

        /** The bodies to /write, as many requests in flight as the writer's lanes; the database made as the replay's. */
        ReplaySummary post(String url, String database, WriterConfig writer) throws Exception {
            new InfluxTarget(writer, null, Duration.ofMinutes(1)).open(List.of(Duration.ofMinutes(1),
                    Duration.ofHours(1))).close();
            var http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            // daemon threads: a failed run must not leave the JVM (and its broker and influxd) waiting on the pool
            var pool = Executors.newFixedThreadPool(writer.writeParallelism(), r -> {
                var t = new Thread(r, "bench-poster");
                t.setDaemon(true);
                return t;
            });
            var sends = new ArrayList<Future<HttpResponse<String>>>();
            var retried = new java.util.concurrent.atomic.AtomicLong();
            bodies.forEach((policy, list) -> {
                var uri = URI.create(url + "/write?precision=ms&db=" + enc(database) + "&rp=" + enc(policy));
                for (var body : list) {
                    sends.add(pool.submit(() -> {
                        // a 5xx (InfluxDB's own write timeout on a loaded machine) is retried, as the writer does
                        while (true) {
                            var response = http.send(HttpRequest.newBuilder(uri)
                                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                                    HttpResponse.BodyHandlers.ofString());
                            if (response.statusCode() < 500) {
                                return response;
                            }
                            retried.incrementAndGet();
                            Thread.sleep(500);
                        }
                    }));
                }
            });
            for (var send : sends) {
                if (send.get().statusCode() != 204) {
                    throw new IllegalStateException("InfluxDB answered " + send.get().statusCode() + ": "
                            + send.get().body());
                }
            }
            System.out.printf(Locale.ROOT, "ceiling: %d requests retried after InfluxDB's 5xx%n", retried.get());
            pool.shutdown();
            return new ReplaySummary(0, 0, 0, 0, 0, points, 0, 0, 0, false);
        }
    }

    private static String enc(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    /** CPU seconds so far of this JVM's child processes whose command contains {@code name}. */
    private static double childCpu(String name) {
        return ProcessHandle.current().descendants()
                .filter(p -> p.info().command().map(c -> c.contains(name)).orElse(false))
                .mapToDouble(p -> p.info().totalCpuDuration().orElse(Duration.ZERO).toNanos() / 1e9).sum();
    }

    private static long processCpuNanos() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : 0;
    }

    private static long gcMillis() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(g -> Math.max(0,
                g.getCollectionTime())).sum();
    }

    /** A /proc/self/status field in kB. */
    private static long status(String field) {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith(field + ":"))
                    .mapToLong(l -> Long.parseLong(l.replaceAll("\\D", ""))).findFirst().orElse(0);
        } catch (Exception e) {
            return 0;
        }
    }

    private static String loadAverage() {
        try {
            var parts = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (Exception e) {
            return "unknown";
        }
    }
}
