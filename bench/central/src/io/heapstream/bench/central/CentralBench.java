package io.heapstream.bench.central;

import io.heapstream.local.InfluxServer;
import io.heapstream.local.KafkaBroker;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * The central roles' all-in cost for a fleet of N nodes: a real KRaft broker and influxd, the aggregator and the
 * writer as the manifests run them (child JVMs of the image's classpath and entry point, every literal env value
 * of their container, JAVA_TOOL_OPTIONS included, and the container's memory limit as the JVM would see it), a
 * simulated fleet producing raw scrapes live on the 15 s grid in a JVM of its own (not billed). After the warm-up,
 * each process's whole CPU (utime + stime, every thread) over the window, RSS and PSS at the end. Per thread to a
 * file beside the table, to see where a fixed cost comes from.
 */
public final class CentralBench {
    private static final long HZ = 100;   // USER_HZ, /proc's clock tick
    private static final Duration SCRAPE = Duration.ofSeconds(15);
    /** Heapster's measured cost (docs/benchmarks.md, "Against Heapster"). */
    private static final double HEAPSTER_MS_PER_NODE_SCRAPE = 9;
    private static final double HEAPSTER_MB_PER_NODE = 3;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    private CentralBench() { }

    /** args: nodes pods warm-up window classpath-file out-dir. */
    public static void main(String[] args) throws Exception {
        int nodes = Integer.parseInt(args[0]);
        int pods = Integer.parseInt(args[1]);
        Duration warmUp = Duration.parse(args[2]);
        Duration window = Duration.parse(args[3]);
        String classpath = Files.readString(Path.of(args[4])).strip();
        Path out = Path.of(args[5]);
        Files.createDirectories(out);
        var env = System.getenv();
        var brokerSettings = pairs(env.getOrDefault("BENCH_BROKER_SETTINGS", ""), ",");
        var brokerJvm = List.of(env.getOrDefault("BENCH_BROKER_JVM", String.join(" ", KafkaBroker.JVM_FLAGS)).split(" +"));
        var children = new ArrayList<Process>();
        var stateDirs = new ArrayList<Path>();
        var probes = Executors.newScheduledThreadPool(1);
        try (var broker = KafkaBroker.launch(brokerSettings, brokerJvm); var influx = InfluxServer.launch()) {
            try {
                createTopics(broker.bootstrap(), Integer.parseInt(env.getOrDefault("BENCH_RAW_PARTITIONS", "12")));
                var common = Map.of("HEAPSTREAM_KAFKA_BOOTSTRAP", broker.bootstrap(), "HEAPSTREAM_CLUSTER", "bench");
                var procs = new LinkedHashMap<String, Long>();
                var bases = new LinkedHashMap<String, String>();
                Path state = Files.createTempDirectory("heapstream-central-state-");
                stateDirs.add(state);
                int aggPort = freePort();
                var aggregator = Role.fromManifest("aggregator", Path.of(env.get("BENCH_AGGREGATOR_MANIFEST")), null);
                aggregator.env.putAll(common);
                aggregator.env.put("HEAPSTREAM_STATE_DIR", state.toString());
                aggregator.env.put("HEAPSTREAM_APPLICATION_SERVER", "127.0.0.1:" + aggPort);
                aggregator.override(env.getOrDefault("BENCH_AGGREGATOR_ENV", ""));
                var writer = Role.fromManifest("writer", Path.of(env.get("BENCH_WRITER_MANIFEST")),
                        Path.of(env.get("BENCH_KUSTOMIZATION")));
                writer.env.putAll(common);
                writer.env.put("HEAPSTREAM_INFLUX_URL", influx.url());
                writer.env.put("HEAPSTREAM_NO_CREATE", "false");   // this influxd has no users: the writer makes the database
                writer.env.put("HEAPSTREAM_INFLUX_DB", "heapstream");
                writer.override(env.getOrDefault("BENCH_WRITER_ENV", ""));
                for (var role : List.of(aggregator, writer)) {
                    int port = role == aggregator ? aggPort : freePort();
                    role.env.put("HEAPSTREAM_HTTP_ADDRESS", "127.0.0.1");
                    role.env.put("HEAPSTREAM_HTTP_PORT", String.valueOf(port));
                    var child = start(classpath, List.of(role.name), role.env, out.resolve(role.name + "-" + nodes + ".log"));
                    children.add(child);
                    procs.put(role.name, child.pid());
                    String base = "http://127.0.0.1:" + port;
                    bases.put(role.name, base);
                    System.err.printf(Locale.ROOT, "[%d nodes] %s pid %d: JAVA_TOOL_OPTIONS=%s%n", nodes, role.name,
                            child.pid(), role.env.get("JAVA_TOOL_OPTIONS"));
                    // The manifests' probes (readiness every 10 s, liveness every 20 s) and a Prometheus scrape per 30 s.
                    probes.scheduleAtFixedRate(() -> get(base + "/readyz"), 10, 10, TimeUnit.SECONDS);
                    probes.scheduleAtFixedRate(() -> get(base + "/healthz"), 20, 20, TimeUnit.SECONDS);
                    probes.scheduleAtFixedRate(() -> get(base + "/metrics"), 30, 30, TimeUnit.SECONDS);
                }
                procs.put("broker", pidOf("java", broker.logFile().getParent()));
                procs.put("influxd", pidOf("influxd", influx.logFile().getParent()));
                // The fleet: its own JVM, its own CPU; starts after the roles so that the first scrapes find them.
                var fleetEnv = new LinkedHashMap<>(common);
                fleetEnv.put("HEAPSTREAM_HTTP_ADDRESS", "127.0.0.1");
                fleetEnv.put("HEAPSTREAM_HTTP_PORT", String.valueOf(freePort()));
                fleetEnv.put("JAVA_TOOL_OPTIONS", "-Xmx512m -XX:+UseSerialGC");
                children.add(start(classpath, List.of("simulate", "--produce", "--nodes", String.valueOf(nodes),
                        "--pods-per-node", String.valueOf(pods)), fleetEnv, out.resolve("fleet-" + nodes + ".log")));

                Thread.sleep(warmUp.toMillis());
                var before = new LinkedHashMap<String, Snapshot>();
                for (var e : procs.entrySet()) {
                    before.put(e.getKey(), Snapshot.of(e.getValue()));
                }
                var counters0 = counters(bases);
                var loads = new ArrayList<String>();
                loads.add(loadAverage());
                Instant end = Instant.now().plus(window);
                while (Instant.now().isBefore(end)) {
                    Thread.sleep(Math.min(60_000, Math.max(1, Duration.between(Instant.now(), end).toMillis())));
                    loads.add(loadAverage());
                    for (var child : children) {
                        if (!child.isAlive()) {
                            throw new IllegalStateException("a child exited early; see the logs in " + out);
                        }
                    }
                }
                var counters1 = counters(bases);
                var rows = new ArrayList<String>();
                var threadReport = new StringBuilder();
                double scrapes = nodes * (window.toMillis() / (double) SCRAPE.toMillis());
                double totalMs = 0;
                double totalJitMs = 0;
                long totalRss = 0;
                long totalPss = 0;
                for (var e : procs.entrySet()) {
                    var after = Snapshot.of(e.getValue());
                    var b = before.get(e.getKey());
                    double ms = (after.ticks - b.ticks) * 1000.0 / HZ;
                    double jitMs = after.jitSince(b) * 1000.0 / HZ;
                    totalMs += ms;
                    totalJitMs += jitMs;
                    totalRss += after.rssKb;
                    totalPss += after.pssKb;
                    rows.add(row(nodes, e.getKey(), ms, jitMs, scrapes, window, after.rssKb, after.pssKb, after.threads.size()));
                    threadReport.append("-- ").append(e.getKey()).append(", CPU ms over the window per thread\n");
                    after.threadsSince(b).forEach(line -> threadReport.append("  ").append(line).append('\n'));
                }
                rows.add(row(nodes, "**all four**", totalMs, totalJitMs, scrapes, window, totalRss, totalPss, 0));
                double heapsterMcpu = HEAPSTER_MS_PER_NODE_SCRAPE * nodes / SCRAPE.toSeconds();
                var text = new StringBuilder();
                text.append(String.format(Locale.ROOT, "%d nodes x %d pods, warm-up %s, window %s, load average (1 min) per minute: %s;"
                        + " points written in the window %.0f, raw records consumed %.0f, aggregator commits %.0f;"
                        + " requests to the broker per second: aggregator %.1f, writer %.1f%n", nodes, pods, warmUp, window,
                        String.join(" ", loads), delta(counters0, counters1, "writer"), delta(counters0, counters1, "aggregator"),
                        delta(counters0, counters1, "transactions"),
                        delta(counters0, counters1, "aggregator requests") / window.toSeconds(),
                        delta(counters0, counters1, "writer requests") / window.toSeconds()));
                text.append("| nodes | process | mCPU | CPU ms per node per scrape | of which JIT compiler threads | mCPU without them"
                        + " | RSS MB | PSS MB | threads |\n");
                text.append("|---|---|---|---|---|---|---|---|---|\n");
                rows.forEach(r -> text.append(r).append('\n'));
                text.append(String.format(Locale.ROOT, "| %d | Heapster (measured: 9 ms per node per scrape, 3 MB per node) | %.1f | %.1f | | %.1f | %.0f | | |%n",
                        nodes, heapsterMcpu, HEAPSTER_MS_PER_NODE_SCRAPE, heapsterMcpu, HEAPSTER_MB_PER_NODE * nodes));
                System.out.print(text);
                Files.writeString(out.resolve("central-" + nodes + ".md"), text);
                Files.writeString(out.resolve("threads-" + nodes + ".txt"), threadReport);
            } finally {
                probes.shutdownNow();
                for (var child : children) {
                    child.destroy();   // SIGTERM: each role's orderly stop
                }
                for (var child : children) {
                    child.waitFor(30, TimeUnit.SECONDS);
                    child.destroyForcibly();
                }
                stateDirs.forEach(CentralBench::deleteQuietly);
            }
        }
        System.exit(0);
    }

    private static String row(int nodes, String name, double ms, double jitMs, double scrapes, Duration window,
                              long rssKb, long pssKb, int threads) {
        return String.format(Locale.ROOT, "| %d | %s | %.1f | %.2f | %.0f %% | %.1f | %d | %d | %s |", nodes, name,
                ms / window.toMillis() * 1000, ms / scrapes, ms == 0 ? 0 : jitMs * 100 / ms,
                (ms - jitMs) / window.toMillis() * 1000, rssKb >> 10, pssKb >> 10, threads == 0 ? "" : threads);
    }

    /** The topics of docs/topics.md with its partition counts, as an install creates them before the roles start. */
    /** docs/topics.md's topics and partition counts; {@code rawPartitions} for the raw topic (12 there). */
    private static void createTopics(String bootstrap, int rawPartitions) throws Exception {
        var topics = List.of(new NewTopic("heapstream.raw", rawPartitions, (short) 1), new NewTopic("heapstream.rollup.1m", 12, (short) 1),
                new NewTopic("heapstream.rollup.1h", 6, (short) 1), new NewTopic("heapstream.dead-letter", 3, (short) 1),
                new NewTopic("heapstream.late", 3, (short) 1));
        try (var admin = Admin.create(Map.<String, Object>of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(topics).all().get(60, TimeUnit.SECONDS);
        }
    }

    private static Process start(String classpath, List<String> args, Map<String, String> env, Path log) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        var command = new ArrayList<>(List.of(java, "-cp", classpath, "io.heapstream.app.Main"));
        command.addAll(args);
        var builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(env);
        return builder.start();
    }

    /** The process whose command is {@code binary} and names a file under {@code home} (the kit's servers). */
    private static long pidOf(String binary, Path home) throws IOException {
        try (var dirs = Files.list(Path.of("/proc"))) {
            for (Path dir : (Iterable<Path>) dirs::iterator) {
                if (!dir.getFileName().toString().matches("\\d+")) {
                    continue;
                }
                try {
                    var argv = new String(Files.readAllBytes(dir.resolve("cmdline")), StandardCharsets.UTF_8).split("\0");
                    if (argv.length > 0 && argv[0].endsWith("/" + binary) && String.join(" ", argv).contains(home.toString())) {
                        return Long.parseLong(dir.getFileName().toString());
                    }
                } catch (IOException gone) {
                    // ended while we looked
                }
            }
        }
        throw new IllegalStateException("no " + binary + " process for " + home);
    }

    private static Map<String, Double> counters(Map<String, String> bases) {
        var result = new LinkedHashMap<String, Double>();
        result.put("writer", counter(bases.get("writer"), "heapstream_writer_points_written_total", ""));
        result.put("aggregator", counter(bases.get("aggregator"), "kafka_consumer_fetch_manager_records_consumed_total{",
                "topic=\"heapstream.raw\""));
        result.put("transactions", counter(bases.get("aggregator"), "kafka_stream_thread_commit_total", ""));
        for (var role : bases.keySet()) {
            // what the role asks the broker: consumers' fetches and heartbeats, producers' sends and transactions
            result.put(role + " requests", counter(bases.get(role), "kafka_consumer_request_total", "")
                    + counter(bases.get(role), "kafka_producer_request_total", "")
                    + counter(bases.get(role), "kafka_admin_client_request_total", ""));
        }
        return result;
    }

    private static double delta(Map<String, Double> before, Map<String, Double> after, String key) {
        return after.get(key) - before.get(key);
    }

    /** The sum of a Prometheus counter's series, those with {@code filter} in their labels. */
    private static double counter(String base, String name, String filter) {
        double sum = 0;
        for (String line : get(base + "/metrics").split("\n")) {
            if (line.startsWith(name) && line.contains(filter)) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }

    private static void deleteQuietly(Path dir) {
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            System.err.println("could not delete " + dir + ": " + e);
        }
    }

    private static String loadAverage() throws IOException {
        return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** {@code k=v} items split by {@code separator}. */
    static Map<String, String> pairs(String text, String separator) {
        var map = new LinkedHashMap<String, String>();
        for (String item : text.split(separator)) {
            if (!item.isBlank()) {
                int eq = item.indexOf('=');
                map.put(item.substring(0, eq).strip(), item.substring(eq + 1).strip());
            }
        }
        return map;
    }

    /** One GET, as a probe or Prometheus makes it; "" when the role does not answer. */
    static String get(String url) {
        var request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build();
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    /**
     * A role's container as its manifest declares it: every env entry with a literal value (those from secrets
     * or other fields are the bench's to set), the ConfigMaps' literals it reads, and {@code -XX:MaxRAM} at its
     * memory limit, which a JVM in the container would take from the cgroup.
     */
    static final class Role {
        final String name;
        final Map<String, String> env = new LinkedHashMap<>();

        private Role(String name) {
            this.name = name;
        }

        static Role fromManifest(String name, Path manifest, Path kustomization) throws IOException {
            var role = new Role(name);
            if (kustomization != null) {
                // configMapGenerator literals: "      - HEAPSTREAM_X=value" under the role's own ConfigMap
                boolean inRole = false;
                for (String line : Files.readAllLines(kustomization)) {
                    if (line.matches("\\s*- name: .*")) {
                        inRole = line.strip().equals("- name: heapstream-" + name);
                    } else if (inRole && line.matches("\\s+- HEAPSTREAM_[A-Z_]+=.*")) {
                        String item = line.strip().substring(2);
                        role.env.put(item.substring(0, item.indexOf('=')), item.substring(item.indexOf('=') + 1));
                    }
                }
            }
            var lines = Files.readAllLines(manifest);
            String limit = null;
            boolean inLimits = false;
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i).strip();
                if (line.startsWith("- name: ") && i + 1 < lines.size() && lines.get(i + 1).strip().startsWith("value: ")) {
                    String value = lines.get(i + 1).strip().substring("value: ".length());
                    if (value.startsWith("\"") && value.endsWith("\"")) {
                        value = value.substring(1, value.length() - 1);
                    }
                    if (!value.contains("$(")) {
                        role.env.put(line.substring("- name: ".length()), value);
                    }
                }
                if (line.equals("limits:")) {
                    inLimits = true;
                } else if (inLimits && line.startsWith("memory: ")) {
                    limit = line.substring("memory: ".length());
                    inLimits = false;
                }
            }
            String flags = role.env.getOrDefault("JAVA_TOOL_OPTIONS", "");
            if (limit != null) {
                String maxRam = "-XX:MaxRAM=" + limit.replace("Gi", "g").replace("Mi", "m");
                role.env.put("JAVA_TOOL_OPTIONS", (flags + " " + maxRam).strip());
            }
            return role;
        }

        /** {@code HEAPSTREAM_X=v;JAVA_TOOL_OPTIONS=...} from the caller: what a run changes against the manifest. */
        void override(String text) {
            env.putAll(pairs(text, ";"));
        }
    }

    /** One process's CPU ticks, RSS, PSS and per-thread ticks at one moment. */
    record Snapshot(long ticks, long rssKb, long pssKb, Map<String, Long> threads) {
        static Snapshot of(long pid) throws IOException {
            Path proc = Path.of("/proc/" + pid);
            var threads = new LinkedHashMap<String, Long>();
            try (var tasks = Files.list(proc.resolve("task"))) {
                for (Path task : (Iterable<Path>) tasks::iterator) {
                    try {
                        threads.put(Files.readString(task.resolve("comm")).strip() + "#" + task.getFileName(),
                                cpuTicks(task.resolve("stat")));
                    } catch (IOException gone) {
                        // the thread ended between the listing and the read
                    }
                }
            }
            return new Snapshot(cpuTicks(proc.resolve("stat")), kb(proc.resolve("status"), "VmRSS"),
                    kb(proc.resolve("smaps_rollup"), "Pss"), threads);
        }

        /** Per thread, CPU ms since {@code earlier}, most first; threads gone since are summed on one line. */
        List<String> threadsSince(Snapshot earlier) {
            var lines = new ArrayList<String>();
            long live = 0;
            for (var e : threads.entrySet()) {
                long t = e.getValue() - earlier.threads.getOrDefault(e.getKey(), 0L);
                live += t;
                lines.add(String.format(Locale.ROOT, "%8.0f %s", t * 1000.0 / HZ, e.getKey()));
            }
            lines.sort((a, b) -> Double.compare(Double.parseDouble(b.substring(0, 8)), Double.parseDouble(a.substring(0, 8))));
            lines.add(String.format(Locale.ROOT, "%8.0f (threads that ended in the window)",
                    (ticks - earlier.ticks - live) * 1000.0 / HZ));
            return lines;
        }

        /**
         * Ticks of the JIT compiler threads since {@code earlier}: warm-up that a 10-minute window after a 3-minute
         * warm-up on a loaded machine still contains, and that a process running for days has long finished.
         */
        long jitSince(Snapshot earlier) {
            return threads.entrySet().stream().filter(e -> e.getKey().matches("C[12] CompilerThre.*"))
                    .mapToLong(e -> e.getValue() - earlier.threads.getOrDefault(e.getKey(), 0L)).sum();
        }

        /** utime + stime: fields 14 and 15 of a stat file, counted after the command's closing parenthesis. */
        static long cpuTicks(Path stat) throws IOException {
            String text = Files.readString(stat);
            String[] f = text.substring(text.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]);
        }

        static long kb(Path file, String key) throws IOException {
            return Files.readAllLines(file).stream().filter(l -> l.startsWith(key + ":"))
                    .map(l -> Arrays.stream(l.split("\\s+")).skip(1).findFirst().orElse("0"))
                    .mapToLong(Long::parseLong).findFirst().orElse(0);
        }
    }
}
