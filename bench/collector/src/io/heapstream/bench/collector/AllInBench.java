package io.heapstream.bench.collector;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * All-in cost of one collector, run as the DaemonSet runs it: a child JVM of the collector image's classpath and
 * entry point ({@code CollectorMain collector}), {@code JAVA_TOOL_OPTIONS} and {@code MALLOC_ARENA_MAX} as the
 * DaemonSet sets them (bench/collector/run.sh reads them from the manifest), its status server probed as the
 * kubelet probes it and {@code /metrics} scraped as Prometheus would. After the warm-up, the child's whole CPU
 * (utime + stime of /proc/&lt;pid&gt;/stat: every thread, GC, JIT, idle wake-ups) over the window, per scrape
 * and as mCPU; per thread with its context switches (the wake-ups); RSS and PSS at the end. CPU time, not wall:
 * a shared machine slows the child down but does not bill it for other processes.
 */
public final class AllInBench {
    private static final long HZ = 100;   // USER_HZ: /proc's clock ticks, 100 on every Linux this runs on

    private AllInBench() { }

    /** args: pods warm-up window metadata(api|kubelet|off) classpath-file. */
    public static void main(String[] args) throws Exception {
        int pods = Integer.parseInt(args[0]);
        Duration warmUp = Duration.parse(args[1]);
        Duration window = Duration.parse(args[2]);
        String metadata = args[3];
        String classpath = Files.readString(Path.of(args[4])).strip();
        String toolOptions = System.getenv("BENCH_JAVA_TOOL_OPTIONS");
        String interval = System.getenv().getOrDefault("BENCH_SCRAPE_INTERVAL", "15s");
        Duration metricsEvery = Duration.parse(System.getenv().getOrDefault("BENCH_METRICS_EVERY", "PT30S"));
        Path log = Path.of(System.getenv().getOrDefault("BENCH_CHILD_LOG", "bench/collector/target/allin-" + pods + ".log"));
        boolean api = metadata.equals("api");
        try (var kubelet = CollectorBench.KubeletProcess.start(pods, api)) {
            int port;
            try (var socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            // The image's JDK where the harness was given one (ALLIN_JAVA_HOME), else the harness's own.
            String javaHome = System.getenv().getOrDefault("BENCH_JAVA_HOME", "");
            String java = Path.of(javaHome.isEmpty() ? System.getProperty("java.home") : javaHome, "bin", "java").toString();
            var builder = new ProcessBuilder(java, "-cp", classpath, "io.heapstream.app.CollectorMain", "collector")
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            Map<String, String> env = builder.environment();
            env.put("JAVA_TOOL_OPTIONS", toolOptions);
            env.put("MALLOC_ARENA_MAX", System.getenv().getOrDefault("BENCH_MALLOC_ARENA_MAX", "2"));
            env.put("HEAPSTREAM_CLUSTER", "bench");
            env.put("HEAPSTREAM_NODE_NAME", "node");
            env.put("HEAPSTREAM_KAFKA_BOOTSTRAP", System.getenv("HEAPSTREAM_BENCH_KAFKA"));
            env.put("HEAPSTREAM_RAW_TOPIC", System.getenv("HEAPSTREAM_BENCH_TOPIC"));
            env.put("HEAPSTREAM_KUBELET_URL", kubelet.url("/stats/summary").toString());
            env.put("HEAPSTREAM_HTTP_ADDRESS", "127.0.0.1");
            env.put("HEAPSTREAM_HTTP_PORT", String.valueOf(port));
            env.put("HEAPSTREAM_SCRAPE_INTERVAL", interval);
            env.put("HEAPSTREAM_METADATA", metadata);
            if (api) {
                // fabric8's own configuration by environment, as a service account would give it in a pod.
                env.put("KUBERNETES_MASTER", kubelet.apiUrl);
                env.put("KUBERNETES_AUTH_TRYKUBECONFIG", "false");
                env.put("KUBERNETES_AUTH_TRYSERVICEACCOUNT", "false");
                env.put("KUBERNETES_NAMESPACE", "default");
            }
            Process child = builder.start();
            long pid = child.pid();
            var probes = Executors.newScheduledThreadPool(1);
            String base = "http://127.0.0.1:" + port;
            // The DaemonSet's probes (run.sh reads their periods from the manifest) and a Prometheus scrape.
            long readiness = Long.parseLong(System.getenv().getOrDefault("BENCH_READINESS_PERIOD", "10"));
            long liveness = Long.parseLong(System.getenv().getOrDefault("BENCH_LIVENESS_PERIOD", "20"));
            probes.scheduleAtFixedRate(() -> get(base + "/readyz"), readiness, readiness, TimeUnit.SECONDS);
            probes.scheduleAtFixedRate(() -> get(base + "/healthz"), liveness, liveness, TimeUnit.SECONDS);
            probes.scheduleAtFixedRate(() -> get(base + "/metrics"), metricsEvery.toSeconds(), metricsEvery.toSeconds(),
                    TimeUnit.SECONDS);
            try {
                Thread.sleep(warmUp.toMillis());
                var threads0 = threads(pid);
                long ticks0 = ticks(Path.of("/proc/" + pid + "/stat"));
                double scrapes0 = counter(base, "heapstream_collector_scrapes_total");
                var loads = new ArrayList<Double>();
                Instant end = Instant.now().plus(window);
                loads.add(load());
                while (Instant.now().isBefore(end)) {
                    Thread.sleep(Math.min(60_000, Math.max(1, Duration.between(Instant.now(), end).toMillis())));
                    loads.add(load());
                    if (!child.isAlive()) {
                        throw new IllegalStateException("the collector exited; see " + log);
                    }
                }
                long ticks = ticks(Path.of("/proc/" + pid + "/stat")) - ticks0;
                var threads1 = threads(pid);
                double scrapes = counter(base, "heapstream_collector_scrapes_total") - scrapes0;
                double produced = counter(base, "heapstream_collector_records_produced_total");
                var status = CollectorBench.procKb("/proc/" + pid + "/status");
                var rollup = CollectorBench.procKb("/proc/" + pid + "/smaps_rollup");
                report(pods, metadata, window, ticks, scrapes, produced, loads, status, rollup, threads0, threads1);
            } finally {
                probes.shutdownNow();
                child.destroy();   // SIGTERM: the role's orderly stop
                child.waitFor(20, TimeUnit.SECONDS);
            }
        }
        System.exit(0);
    }

    static void report(int pods, String metadata, Duration window, long ticks, double scrapes, double produced,
                       List<Double> loads, Map<String, Long> status, Map<String, Long> rollup,
                       Map<String, long[]> threads0, Map<String, long[]> threads1) {
        double cpuMs = ticks * 1000.0 / HZ;
        double meanLoad = loads.stream().mapToDouble(Double::doubleValue).average().orElse(0);
        long threadTicks = 0;
        long wakeUps = 0;
        var rows = new ArrayList<String>();
        for (var e : threads1.entrySet()) {
            long[] before = threads0.getOrDefault(e.getKey(), new long[3]);
            long[] after = e.getValue();
            long t = after[0] - before[0];
            long w = after[1] - before[1];
            threadTicks += t;
            wakeUps += w;
            rows.add(String.format(Locale.ROOT, "%8.0f ms %8d switches  %s", t * 1000.0 / HZ, w, e.getKey()));
        }
        rows.sort(java.util.Comparator.reverseOrder());
        System.err.printf(Locale.ROOT, "  per thread over the window (CPU, voluntary+involuntary context switches):%n");
        rows.forEach(r -> System.err.println("  " + r));
        System.err.printf(Locale.ROOT, "  threads that ended in the window: %.0f ms; all threads: %d switches, %.1f per second%n",
                (ticks - threadTicks) * 1000.0 / HZ, wakeUps, wakeUps / (double) window.toSeconds());
        String scrapeThread = threads1.keySet().stream().filter(k -> k.startsWith("scrape-loop")).findFirst().orElse("");
        double workMs = (threads1.getOrDefault(scrapeThread, new long[3])[0]
                - threads0.getOrDefault(scrapeThread, new long[3])[0]) * 1000.0 / HZ / scrapes;
        System.out.printf(Locale.ROOT, "| all-in | %d pods | metadata %s | window %s | load %.1f (%.1f–%.1f) | %.0f scrapes"
                        + " | %.2f ms CPU/scrape all-in | %.3f mCPU all-in | %.2f ms scrape thread/scrape | %.1f wake-ups/s"
                        + " | RSS %d MB | peak RSS %d MB | anon %d MB, file %d MB | PSS %d MB | threads %d | produced %.0f |%n",
                pods, metadata, window, meanLoad, loads.stream().mapToDouble(d -> d).min().orElse(0),
                loads.stream().mapToDouble(d -> d).max().orElse(0), scrapes, cpuMs / scrapes,
                cpuMs / window.toMillis() * 1000, workMs, wakeUps / (double) window.toSeconds(),
                status.get("VmRSS") >> 10, status.get("VmHWM") >> 10, status.get("RssAnon") >> 10,
                status.get("RssFile") >> 10, rollup.get("Pss") >> 10, status.get("Threads"), produced);
    }

    /** utime + stime of a /proc stat file, in clock ticks (fields 14 and 15, counted after the command's ')'). */
    static long ticks(Path stat) throws IOException {
        String text = Files.readString(stat);
        String[] fields = text.substring(text.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    /** Per live thread, "name#tid" -> {CPU ticks, context switches}. */
    static Map<String, long[]> threads(long pid) throws IOException {
        var result = new java.util.TreeMap<String, long[]>();
        try (var tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                try {
                    String name = Files.readString(task.resolve("comm")).strip() + "#" + task.getFileName();
                    var status = CollectorBench.procKb(task.resolve("status").toString());
                    result.put(name, new long[] {ticks(task.resolve("stat")),
                            status.get("voluntary_ctxt_switches") + status.get("nonvoluntary_ctxt_switches"), 0});
                } catch (IOException gone) {
                    // The thread ended between the listing and the read.
                }
            }
        }
        return result;
    }

    static double load() throws IOException {
        return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
    }

    static double counter(String base, String name) throws IOException {
        double sum = 0;
        for (String line : get(base + "/metrics").split("\n")) {
            if (line.startsWith(name)) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }

    /** One GET on a new connection, as a probe makes it. */
    static String get(String url) {
        try {
            var connection = (HttpURLConnection) URI.create(url).toURL().openConnection();
            connection.setConnectTimeout(3000);
            connection.setReadTimeout(3000);
            try (var in = connection.getResponseCode() < 400 ? connection.getInputStream() : connection.getErrorStream()) {
                return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            } finally {
                connection.disconnect();
            }
        } catch (IOException e) {
            return "";
        }
    }
}
