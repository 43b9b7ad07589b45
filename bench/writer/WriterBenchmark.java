import io.heapstream.local.InfluxServer;
import io.heapstream.local.KafkaBroker;
import io.heapstream.model.Topics;
import io.heapstream.model.rollup.MetricStats;
import io.heapstream.model.rollup.Rollup;
import io.heapstream.model.rollup.RollupKey;
import io.heapstream.writer.WriterConfig;
import io.heapstream.writer.WriterService;
import io.heapstream.writer.schema.InfluxSchema;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
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
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.influxdb.dto.Point;

/**
 * Writer benchmark (run through bench/writer/run.sh). One run, dedicated local services, for each schema
 * ({@code --schema native,heapster}, both by default) in turn, each with its own topics and databases:
 *
 * <ol>
 *   <li>generate the rollups of a fleet (clusters x nodes x pods x containers, every level, realistic metric
 *       sets, per-resource filesystems) for W one-minute windows and produce them to the 1m rollup topic;</li>
 *   <li>ceiling: the same points, turned into line protocol before the clock starts, POSTed straight to
 *       InfluxDB's /write in batches of the writer's batch size with as many concurrent requests as the
 *       writer's parallelism;</li>
 *   <li>writer: a WriterService reads the topic from the start and writes the points to another database;
 *       timed from start() to the last acknowledged point (group join included), and also from its first
 *       acknowledgement (steady state).</li>
 * </ol>
 * Each round uses fresh databases and alternates which of the two goes first; the report prints every round.
 * One warm-up round (--warmup) runs first and is not reported: a writer runs for days, not for a JIT's warm-up.
 */
public final class WriterBenchmark {
    private static final Duration MINUTE = Duration.ofMinutes(1);
    private static final Duration STALL = Duration.ofSeconds(60);

    public static void main(String[] args) throws Exception {
        var options = options(args);
        if (options.containsKey("help")) {
            System.out.println("bench/writer/run.sh [--schema native,heapster] [--windows N] [--nodes N]"
                    + " [--batch-size N] [--parallelism N] [--partitions N] [--gzip] [--rounds N] [--warmup N]"
                    + " [--settle SECONDS] [--client-check]");
            return;
        }
        String loadBefore = loadAverage();
        var results = new ArrayList<String>();
        try (var broker = KafkaBroker.launch(); var influxd = InfluxServer.launch()) {
            for (String schema : options.getOrDefault("schema", "native,heapster").split(",")) {
                results.addAll(bench(schema.strip(), options, broker, influxd));
            }
            System.out.println();
            System.out.println("| schema | round | order | ceiling: raw POST (points/s) | writer, start to last ack"
                    + " (points/s) | writer, first to last ack (points/s) | start-to-end / ceiling | steady / ceiling |");
            System.out.println("|---|---|---|---|---|---|---|---|");
            results.forEach(System.out::println);
            System.out.printf(Locale.ROOT, "%nmachine: %d cores, %s; %s; InfluxDB %s; Kafka broker 4.4.0 (KRaft,"
                    + " child JVM); influxd settings from the environment: %s; load average before %s, after %s%n",
                    Runtime.getRuntime().availableProcessors(), cpuModel(), "Java " + System.getProperty("java.version"),
                    influxd.version(), new java.util.TreeMap<>(System.getenv()).entrySet().stream()
                            .filter(e -> e.getKey().startsWith("INFLUXDB_")).toList(), loadBefore, loadAverage());
        }
    }

    /** One schema: its workload produced to its own topics, then warm-up and measured rounds; the rows to report. */
    private static List<String> bench(String schemaName, Map<String, String> options, KafkaBroker broker,
                                      InfluxServer influxd) throws Exception {
        boolean wide = "native".equals(schemaName);
        // Native points are wide (every metric x 5 statistics), Heapster's are one value each: ~25x as many.
        int windows = Integer.parseInt(options.getOrDefault("windows-" + schemaName, options.getOrDefault("windows",
                wide ? "10" : "2")));
        int nodes = Integer.parseInt(options.getOrDefault("nodes", "40"));
        // The writer's default for wide native points, InfluxDB's usual advice for narrow Heapster ones.
        int batchSize = Integer.parseInt(options.getOrDefault("batch-size", wide ? "2000" : "5000"));
        int parallelism = Integer.parseInt(options.getOrDefault("parallelism", "2"));
        int partitions = Integer.parseInt(options.getOrDefault("partitions", "4"));
        int rounds = Integer.parseInt(options.getOrDefault("rounds", "2"));
        int warmups = Integer.parseInt(options.getOrDefault("warmup", "1"));
        long settleSeconds = Long.parseLong(options.getOrDefault("settle", "5"));
        boolean gzip = options.containsKey("gzip");

        var fleet = new Fleet(1, nodes, 20, 2, 10);
        Instant start = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(2));
        List<Rollup> rollups = fleet.rollups(start, windows);
        String topicPrefix = "bench." + schemaName + ".rollup.";
        String topic = topicPrefix + "1m";
        try (var admin = Admin.create(Map.<String, Object>of("bootstrap.servers", broker.bootstrap()))) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1), new NewTopic(topicPrefix + "1h",
                    partitions, (short) 1), new NewTopic("bench." + schemaName + ".dead-letter", 1, (short) 1)))
                    .all().get();
        }
        produce(broker.bootstrap(), topic, rollups);

        var settings = new HashMap<String, String>(Map.of(
                "HEAPSTREAM_KAFKA_BOOTSTRAP", broker.bootstrap(),
                "HEAPSTREAM_ROLLUP_TOPIC_PREFIX", topicPrefix,
                "HEAPSTREAM_DEAD_LETTER_TOPIC", "bench." + schemaName + ".dead-letter",
                "HEAPSTREAM_SCHEMA", schemaName,
                "HEAPSTREAM_INFLUX_URL", influxd.url(),
                "HEAPSTREAM_BATCH_SIZE", Integer.toString(batchSize),
                "HEAPSTREAM_MAX_PENDING_POINTS", Integer.toString(Math.max(50_000, 10 * batchSize)),
                "HEAPSTREAM_WRITE_PARALLELISM", Integer.toString(parallelism),
                "HEAPSTREAM_INFLUX_GZIP", Boolean.toString(gzip),
                "HEAPSTREAM_FLUSH_INTERVAL", "200ms"));
        InfluxSchemaLines lines = new InfluxSchemaLines(WriterConfig.fromMap(settings).influxSchema());
        List<String> all = lines.of(rollups);
        long points = all.size();
        System.out.printf(Locale.ROOT, "workload: schema=%s, %d rollups (%d series x %d windows), %d points,"
                + " %d values, %.1f MB of line protocol; batch %d, parallelism %d, gzip %s, %d partitions%n",
                schemaName, rollups.size(), rollups.size() / windows, windows, points, values(all), bytes(all) / 1e6,
                batchSize, parallelism, gzip, partitions);
        // The ceiling's request bodies, built once; then only bytes stay on the heap the writer shares.
        List<byte[]> bodies = bodies(all, batchSize);
        all = null;
        rollups = null;

        var results = new ArrayList<String>();
        for (int round = 1 - warmups; round <= rounds; round++) {
            // Rounds below 1 warm the JIT (writer and poster alike) and are not reported.
            String suffix = schemaName + "_" + (round + warmups);
            String ceilingDb = "ceiling_" + suffix;
            create(influxd.url(), ceilingDb, lines.schema);
            settings.put("HEAPSTREAM_INFLUX_DB", "writer_" + suffix);
            settings.put("HEAPSTREAM_GROUP_ID", "bench-writer-" + suffix);
            // Alternate which goes first: InfluxDB compacts what the first one wrote while the second runs.
            boolean ceilingFirst = Math.floorMod(round, 2) == 1;
            double ceiling = 0;
            // A quiet period before each measurement: InfluxDB snapshots and compacts what was just written.
            if (ceilingFirst) {
                TimeUnit.SECONDS.sleep(settleSeconds);
                ceiling = measured("ceiling", () -> postDirectly(influxd.url(), ceilingDb, lines.policy, bodies,
                        points, parallelism));
            }
            TimeUnit.SECONDS.sleep(settleSeconds);
            var writerConfig = WriterConfig.fromMap(settings);
            double[] writer;
            try {
                writer = measured("writer", () -> runWriter(writerConfig, points));
            } catch (IllegalStateException stalled) {
                // Reported as what happened, not as a figure; the other rounds and schemas still run.
                String row = String.format(Locale.ROOT, "| %s | %d | %s | %s | stalled: %s | - | - | - |", schemaName,
                        round, ceilingFirst ? "ceiling, writer" : "writer", ceilingFirst
                                ? String.format(Locale.ROOT, "%,.0f", ceiling) : "-", stalled.getMessage());
                System.out.println((round < 1 ? "(warm-up) " : "") + row);
                results.add(row);
                continue;
            }
            if (!ceilingFirst) {
                TimeUnit.SECONDS.sleep(settleSeconds);
                ceiling = measured("ceiling", () -> postDirectly(influxd.url(), ceilingDb, lines.policy, bodies,
                        points, parallelism));
            }
            if (options.containsKey("client-check")) {
                String db = "client_" + suffix;
                create(influxd.url(), db, lines.schema);
                System.out.printf(Locale.ROOT, "  influxdb-java client, pre-built lines: %,.0f points/s%n",
                        viaInfluxClient(influxd.url(), db, lines.policy, bodies, points, parallelism));
            }
            String row = String.format(Locale.ROOT, "| %s | %d | %s | %,.0f | %,.0f | %,.0f | %.0f%% | %.0f%% |",
                    schemaName, round, ceilingFirst ? "ceiling, writer" : "writer, ceiling", ceiling, writer[0],
                    writer[1], 100 * writer[0] / ceiling, 100 * writer[1] / ceiling);
            System.out.println((round < 1 ? "(warm-up) " : "") + row);
            if (round >= 1) {
                results.add(row);
            }
        }
        return results;
    }

    /** The writer from start() until it acknowledged every point: {start-to-end rate, first-to-end rate}. */
    private static double[] runWriter(WriterConfig config, long points) throws InterruptedException {
        var writer = new WriterService(config, new SimpleMeterRegistry());
        long gcBefore = gcMillis();
        long started = System.nanoTime();
        writer.start();
        long first = 0;
        double atFirst = 0;
        var written = writer.metrics().pointsWritten();
        double lastCount = 0;
        long lastProgress = System.nanoTime();
        while (written.count() < points) {
            if (first == 0 && written.count() > 0) {
                first = System.nanoTime();
                atFirst = written.count();
            }
            if (written.count() > lastCount) {
                lastCount = written.count();
                lastProgress = System.nanoTime();
            } else if (System.nanoTime() - lastProgress > STALL.toNanos()) {
                // A harness that waits forever measures nothing: say where the writer stands and stop.
                var m = writer.metrics();
                writer.stop();
                throw new IllegalStateException(String.format(Locale.ROOT, "writer made no progress for %d s:"
                        + " %.0f of %d points written, %.0f rejected, pending %d, consumer lag %d, paused %s",
                        STALL.toSeconds(), written.count(), points, m.pointsRejected().count(), m.pendingPoints().get(),
                        m.consumerLag().get(), m.paused().get()));
            }
            TimeUnit.MILLISECONDS.sleep(2);
        }
        long ended = System.nanoTime();
        var latency = writer.metrics().batchLatency();
        System.out.printf(Locale.ROOT, "  writer: %d batches, mean %.0f ms from first attempt to acknowledgement,"
                + " lanes busy %.0f%% of the run, %d retries, %d ms in GC%n",
                latency.count(),
                latency.mean(TimeUnit.MILLISECONDS),
                100 * latency.totalTime(TimeUnit.NANOSECONDS) / (config.writeParallelism() * (double) (ended - first)),
                (long) writer.metrics().influxRetries().count(), gcMillis() - gcBefore);
        writer.stop();
        return new double[] {points / seconds(ended - started), (points - atFirst) / seconds(ended - first)};
    }

    /** The ceiling: pre-built request bodies POSTed to /write, {@code parallelism} requests in flight. */
    private static double postDirectly(String url, String db, String policy, List<byte[]> bodies, long points,
                                       int parallelism) throws Exception {
        var http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        URI uri = URI.create(url + "/write?precision=ms&db=" + enc(db) + "&rp=" + enc(policy));
        ExecutorService pool = pool(parallelism);
        long started = System.nanoTime();
        var sends = new ArrayList<Future<HttpResponse<String>>>();
        for (byte[] body : bodies) {
            sends.add(pool.submit(() -> http.send(HttpRequest.newBuilder(uri)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString())));
        }
        for (Future<HttpResponse<String>> send : sends) {
            if (send.get().statusCode() != 204) {
                throw new IllegalStateException("InfluxDB answered " + send.get().statusCode() + ": "
                        + send.get().body());
            }
        }
        long ended = System.nanoTime();
        pool.shutdown();
        return points / seconds(ended - started);
    }

    /** Daemon threads: a failed run must not leave the JVM waiting on an idle pool. */
    private static ExecutorService pool(int threads) {
        return Executors.newFixedThreadPool(threads, runnable -> {
            var thread = new Thread(runnable, "bench-poster");
            thread.setDaemon(true);
            return thread;
        });
    }

    private static List<byte[]> bodies(List<String> lines, int batchSize) {
        var bodies = new ArrayList<byte[]>();
        for (int from = 0; from < lines.size(); from += batchSize) {
            bodies.add(String.join("\n", lines.subList(from, Math.min(lines.size(), from + batchSize)))
                    .getBytes(StandardCharsets.UTF_8));
        }
        return bodies;
    }

    /** The same request bodies through the writer's own client (influxdb-java), to separate client and writer. */
    private static double viaInfluxClient(String url, String db, String policy, List<byte[]> bodies, long points,
                                          int parallelism) throws Exception {
        try (var client = io.heapstream.writer.influx.InfluxClient.connect(url, null, null, db,
                Duration.ofSeconds(30), false)) {
            ExecutorService pool = pool(parallelism);
            long started = System.nanoTime();
            var sends = new ArrayList<Future<?>>();
            for (byte[] body : bodies) {
                sends.add(pool.submit(() -> {
                    client.write(policy, List.of(new String(body, StandardCharsets.UTF_8)));
                    return null;
                }));
            }
            for (Future<?> send : sends) {
                send.get();
            }
            long ended = System.nanoTime();
            pool.shutdown();
            return points / seconds(ended - started);
        }
    }

    private static void create(String url, String db, InfluxSchema schema) throws Exception {
        var http = HttpClient.newHttpClient();
        var statements = new ArrayList<String>(List.of("CREATE DATABASE \"" + db + "\""));
        for (var policy : schema.retentionPolicies()) {
            statements.add("CREATE RETENTION POLICY \"" + policy.name() + "\" ON \"" + db + "\" DURATION "
                    + policy.influxQlDuration() + " REPLICATION 1" + (policy.isDefault() ? " DEFAULT" : ""));
        }
        for (String statement : statements) {
            http.send(HttpRequest.newBuilder(URI.create(url + "/query?q=" + enc(statement)))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
        }
    }

    private static void produce(String bootstrap, String topic, List<Rollup> rollups) {
        var props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, "262144");
        var failed = new java.util.concurrent.atomic.AtomicReference<Exception>();
        try (var producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (Rollup rollup : rollups) {
                producer.send(new ProducerRecord<>(topic, Topics.ROLLUP_KEY.serializer().serialize(topic,
                        rollup.key()), Topics.ROLLUP.serializer().serialize(topic, rollup)), (metadata, e) -> {
                            if (e != null) {
                                failed.compareAndSet(null, e);
                            }
                        });
            }
        }
        // A record missing from the topic would leave the writer short of the count forever.
        if (failed.get() != null) {
            throw new IllegalStateException("producing the workload failed", failed.get());
        }
    }

    /** The schema's lines for the rollups, as the writer builds them (millisecond timestamps). */
    private static final class InfluxSchemaLines {
        final InfluxSchema schema;
        final String policy;

        InfluxSchemaLines(InfluxSchema schema) {
            this.schema = schema;
            this.policy = schema.retentionPolicy(MINUTE);
        }

        List<String> of(List<Rollup> rollups) {
            var lines = new ArrayList<String>();
            for (Rollup rollup : rollups) {
                for (Point point : schema.points(rollup)) {
                    lines.add(point.lineProtocol(TimeUnit.MILLISECONDS));
                }
            }
            return lines;
        }
    }

    /** A fleet's rollups: every level, realistic metric sets (what the aggregator emits per level). */
    private record Fleet(int clusters, int nodes, int podsPerNode, int containersPerPod, int namespaces) {
        private static final List<String> CONTAINER = List.of("cpu/usage", "cpu/usage_rate", "cpu/request",
                "cpu/limit", "memory/usage", "memory/working_set", "memory/rss", "memory/cache",
                "memory/page_faults_rate", "memory/major_page_faults_rate", "memory/request", "memory/limit",
                "uptime", "restart_count");
        private static final List<String> POD = List.of("cpu/usage_rate", "cpu/request", "cpu/limit", "memory/usage",
                "memory/working_set", "memory/request", "memory/limit", "network/rx_rate", "network/tx_rate",
                "network/rx_errors_rate", "network/tx_errors_rate", "ephemeral_storage/usage", "uptime");
        private static final List<String> NODE = List.of("cpu/usage_rate", "cpu/node_capacity",
                "cpu/node_allocatable", "cpu/node_reservation", "cpu/node_utilization", "memory/usage",
                "memory/working_set", "memory/node_capacity", "memory/node_allocatable", "memory/node_reservation",
                "memory/node_utilization", "network/rx_rate", "network/tx_rate", "uptime");
        private static final List<String> AGGREGATE = List.of("cpu/usage_rate", "cpu/request", "cpu/limit",
                "memory/usage", "memory/working_set", "memory/request", "memory/limit", "network/rx_rate",
                "network/tx_rate");

        List<Rollup> rollups(Instant from, int windows) {
            var result = new ArrayList<Rollup>();
            for (int w = 0; w < windows; w++) {
                Instant start = from.plus(MINUTE.multipliedBy(w));
                for (int c = 0; c < clusters; c++) {
                    String cluster = "cluster-" + c;
                    for (int n = 0; n < nodes; n++) {
                        String node = "node-" + n;
                        result.add(rollup(RollupKey.node(cluster, node), start, NODE, List.of("/", "imagefs"), w));
                        for (String sys : List.of("kubelet", "runtime", "pods")) {
                            result.add(rollup(RollupKey.sysContainer(cluster, node, sys), start, CONTAINER.subList(0,
                                    8), List.of(), w));
                        }
                        for (int p = 0; p < podsPerNode; p++) {
                            String ns = "ns-" + (p % namespaces);
                            String pod = "app-" + n + "-" + p + "-7d9f8c6b5";
                            String workload = "Deployment/app-" + ((n * podsPerNode + p) / 3);
                            result.add(rollup(RollupKey.pod(cluster, ns, pod, node, workload), start, POD,
                                    List.of("Volume:data"), w));
                            for (int k = 0; k < containersPerPod; k++) {
                                result.add(rollup(RollupKey.container(cluster, ns, pod, "c" + k, node, workload),
                                        start, CONTAINER, List.of("/", "logs"), w));
                            }
                        }
                    }
                    for (int ns = 0; ns < namespaces; ns++) {
                        result.add(rollup(RollupKey.namespace(cluster, "ns-" + ns), start, AGGREGATE, List.of(), w));
                    }
                    for (int wl = 0; wl < nodes * podsPerNode / 3; wl++) {
                        result.add(rollup(RollupKey.workload(cluster, "ns-" + (wl % namespaces), "Deployment/app-"
                                + wl), start, AGGREGATE, List.of(), w));
                    }
                    result.add(rollup(RollupKey.cluster(cluster), start, AGGREGATE, List.of(), w));
                }
                result.add(rollup(RollupKey.fleet(), start, AGGREGATE, List.of(), w));
            }
            return result;
        }

        private static Rollup rollup(RollupKey key, Instant start, List<String> metrics, List<String> resources,
                                     int window) {
            var stats = new ArrayList<MetricStats>();
            int seed = key.hashCode() + window;
            for (String metric : metrics) {
                double base = 1000 + Math.floorMod(seed + metric.hashCode(), 100_000) / 7.0;
                stats.add(new MetricStats(metric, null, 4, base, base * 0.9, base * 1.2, base * 1.05));
            }
            for (String resource : resources) {
                for (String metric : List.of("filesystem/usage", "filesystem/limit", "filesystem/available",
                        "filesystem/inodes", "filesystem/inodes_free")) {
                    double base = 1e9 + Math.floorMod(seed + resource.hashCode() + metric.hashCode(), 1_000_000);
                    stats.add(new MetricStats(metric, resource, 4, base, base, base, base));
                }
            }
            Map<String, String> labels = key.pod() == null ? Map.of() : Map.of("app", "app", "pod-template-hash",
                    "7d9f8c6b5", "tier", "web");
            String image = key.level() == io.heapstream.model.rollup.Level.CONTAINER ? "registry/app:1.4.2" : null;
            return new Rollup(Rollup.SCHEMA_VERSION, key, MINUTE, start, start.plus(MINUTE), stats, labels, image);
        }
    }

    private static Map<String, String> options(String[] args) {
        var options = new HashMap<String, String>();
        for (int i = 0; i < args.length; i++) {
            String name = args[i].replaceFirst("^--", "");
            if (name.contains("=")) {
                options.put(name.substring(0, name.indexOf('=')), name.substring(name.indexOf('=') + 1));
            } else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                options.put(name, args[++i]);
            } else {
                options.put(name, "true");
            }
        }
        return options;
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("unknown CPU");
        } catch (Exception e) {
            return "unknown CPU";
        }
    }

    /** CPU time so far of this JVM's descendant processes whose command contains {@code name}. */
    private static Duration childCpu(String name) {
        return ProcessHandle.current().descendants()
                .filter(p -> p.info().command().map(c -> c.contains(name)).orElse(false))
                .map(p -> p.info().totalCpuDuration().orElse(Duration.ZERO))
                .reduce(Duration.ZERO, Duration::plus);
    }

    /** Cores used by influxd, the broker and this JVM while {@code phase} ran. */
    private static <T> T measured(String phase, java.util.concurrent.Callable<T> run) throws Exception {
        Duration influx = childCpu("influxd");
        Duration broker = childCpu("java");
        long self = processCpuNanos();
        long started = System.nanoTime();
        T result = run.call();
        double wall = System.nanoTime() - started;
        System.out.printf(Locale.ROOT, "  %s: cores used: influxd %.2f, broker %.2f, writer/poster JVM %.2f%n", phase,
                childCpu("influxd").minus(influx).toNanos() / wall, childCpu("java").minus(broker).toNanos() / wall,
                (processCpuNanos() - self) / wall);
        return result;
    }

    private static long gcMillis() {
        long total = 0;
        for (var gc : java.lang.management.ManagementFactory.getGarbageCollectorMXBeans()) {
            total += Math.max(0, gc.getCollectionTime());
        }
        return total;
    }

    private static long processCpuNanos() {
        var os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : 0;
    }

    /** 1, 5 and 15 minute load averages: the machine may be shared, and the figures should say so. */
    private static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (Exception e) {
            return "unknown";
        }
    }

    /** Field values in the lines: the '=' signs after each line's first space. */
    private static long values(List<String> lines) {
        long total = 0;
        for (String line : lines) {
            for (int i = line.indexOf(' '); i < line.length(); i++) {
                total += line.charAt(i) == '=' ? 1 : 0;
            }
        }
        return total;
    }

    private static long bytes(List<String> lines) {
        long total = 0;
        for (String line : lines) {
            total += line.length() + 1;
        }
        return total;
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    private static String enc(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
