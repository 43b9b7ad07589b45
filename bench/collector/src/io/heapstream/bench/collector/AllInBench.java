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
import java.util.concurrent.ScheduledExecutorService;
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
    private AllInBench() { }

    /** args: pods warm-up window metadata(api|kubelet|off) classpath-file. */
    public static void main(String[] args) throws Exception {
        int pods = Integer.parseInt(args[0]);
        Duration warmUp = Duration.parse(args[1]);
        Duration window = Duration.parse(args[2]);
        String metadata = args[3];
        String classpath = Files.readString(Path.of(args[4])).strip();
        String interval = System.getenv().getOrDefault("BENCH_SCRAPE_INTERVAL", "15s");
        Path log = Path.of(System.getenv().getOrDefault("BENCH_CHILD_LOG", "bench/collector/target/allin-" + pods + ".log"));
        boolean api = metadata.equals("api");
        try (var kubelet = CollectorBench.KubeletProcess.start(pods, api)) {
            int port = freePort();
            var builder = childJvm(classpath, log, "io.heapstream.app.CollectorMain", "collector");
            Map<String, String> env = builder.environment();
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
            String base = "http://127.0.0.1:" + port;
            var probes = probe(base);
            try {
                Thread.sleep(warmUp.toMillis());
                var proc = ProcStats.of(child.pid());
                var start = Snapshot.of(proc);
                double scrapes0 = counter(base, "heapstream_collector_scrapes_total");
                var loads = window(child, window, log);
                var end = Snapshot.of(proc);
                double scrapes = counter(base, "heapstream_collector_scrapes_total") - scrapes0;
                double produced = counter(base, "heapstream_collector_records_produced_total");
                report(pods, metadata, window, scrapes, produced, loads, proc.status(), proc.smapsRollup(), start, end);
            } finally {
                probes.shutdownNow();
                child.destroy();   // SIGTERM: the role's orderly stop
                child.waitFor(20, TimeUnit.SECONDS);
            }
        }
        System.exit(0);
    }

    static void report(int pods, String metadata, Duration window, double scrapes, double produced,
                       List<Double> loads, Map<String, Long> status, Map<String, Long> rollup,
                       Snapshot start, Snapshot end) {
        long ticks = end.ticks() - start.ticks();
        double cpuMs = ticks * 1000.0 / ProcStats.HZ;
        double meanLoad = loads.stream().mapToDouble(Double::doubleValue).average().orElse(0);
        long wakeUps = printThreads(start, end, window);
        var threads0 = start.threads();
        var threads1 = end.threads();
        String scrapeThread = threads1.keySet().stream().filter(k -> k.startsWith("scrape-loop")).findFirst().orElse("");
        double workMs = (threads1.getOrDefault(scrapeThread, new long[2])[0]
                - threads0.getOrDefault(scrapeThread, new long[2])[0]) * 1000.0 / ProcStats.HZ / scrapes;
        System.out.printf(Locale.ROOT, "| all-in | %d pods | metadata %s | window %s | load %.1f (%.1f–%.1f) | %.0f scrapes"
                        + " | %.2f ms CPU/scrape all-in | %.3f mCPU all-in | %.2f ms scrape thread/scrape | %.1f wake-ups/s"
                        + " | RSS %d MB | peak RSS %d MB | anon %d MB, file %d MB | PSS %d MB | threads %d | produced %.0f |%n",
                pods, metadata, window, meanLoad, loads.stream().mapToDouble(d -> d).min().orElse(0),
                loads.stream().mapToDouble(d -> d).max().orElse(0), scrapes, cpuMs / scrapes,
                cpuMs / window.toMillis() * 1000, workMs, wakeUps / (double) window.toSeconds(),
                status.get("VmRSS") >> 10, status.get("VmHWM") >> 10, status.get("RssAnon") >> 10,
                status.get("RssFile") >> 10, rollup.get("Pss") >> 10, status.get("Threads"), produced);
    }

    /** The process's CPU ticks and its threads' (CPU ticks, context switches) at one moment. */
    record Snapshot(long ticks, Map<String, long[]> threads) {
        static Snapshot of(ProcStats proc) throws IOException {
            var threads = proc.threads();
            return new Snapshot(proc.cpuTicks(), threads);
        }
    }

    /**
     * A child JVM as the DaemonSet runs one: {@code JAVA_TOOL_OPTIONS} and {@code MALLOC_ARENA_MAX} as run.sh read
     * them from the manifest, on the image's JDK where the harness was given one (ALLIN_JAVA_HOME), else its own.
     */
    static ProcessBuilder childJvm(String classpath, Path log, String... mainAndArgs) {
        var command = new ArrayList<String>(List.of(javaHome().resolve("bin/java").toString(), "-cp", classpath));
        command.addAll(List.of(mainAndArgs));
        var builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("JAVA_TOOL_OPTIONS", System.getenv("BENCH_JAVA_TOOL_OPTIONS"));
        builder.environment().put("MALLOC_ARENA_MAX", System.getenv().getOrDefault("BENCH_MALLOC_ARENA_MAX", "2"));
        return builder;
    }

    static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    static Path javaHome() {
        String javaHome = System.getenv().getOrDefault("BENCH_JAVA_HOME", "");
        return Path.of(javaHome.isEmpty() ? System.getProperty("java.home") : javaHome);
    }

    /** The DaemonSet's probes (run.sh reads their periods from the manifest) and a Prometheus scrape, every 30 s. */
    static ScheduledExecutorService probe(String base) {
        var probes = Executors.newScheduledThreadPool(1);
        long readiness = Long.parseLong(System.getenv().getOrDefault("BENCH_READINESS_PERIOD", "10"));
        long liveness = Long.parseLong(System.getenv().getOrDefault("BENCH_LIVENESS_PERIOD", "20"));
        long metrics = Duration.parse(System.getenv().getOrDefault("BENCH_METRICS_EVERY", "PT30S")).toSeconds();
        probes.scheduleAtFixedRate(() -> get(base + "/readyz"), readiness, readiness, TimeUnit.SECONDS);
        probes.scheduleAtFixedRate(() -> get(base + "/healthz"), liveness, liveness, TimeUnit.SECONDS);
        probes.scheduleAtFixedRate(() -> get(base + "/metrics"), metrics, metrics, TimeUnit.SECONDS);
        return probes;
    }

    /** Waits out the window, the load average sampled every minute; fails if the child exits meanwhile. */
    static List<Double> window(Process child, Duration window, Path log) throws IOException, InterruptedException {
        var loads = new ArrayList<Double>();
        Instant end = Instant.now().plus(window);
        loads.add(ProcStats.loadAverage()[0]);
        while (Instant.now().isBefore(end)) {
            Thread.sleep(Math.min(60_000, Math.max(1, Duration.between(Instant.now(), end).toMillis())));
            loads.add(ProcStats.loadAverage()[0]);
            if (!child.isAlive()) {
                throw new IllegalStateException("the child JVM exited; see " + log);
            }
        }
        return loads;
    }

    /** Per thread over the window (stderr), and every thread's context switches in it. */
    static long printThreads(Snapshot start, Snapshot end, Duration window) {
        long threadTicks = 0;
        long wakeUps = 0;
        var rows = new ArrayList<String>();
        for (var e : end.threads().entrySet()) {
            long[] before = start.threads().getOrDefault(e.getKey(), new long[2]);
            long[] after = e.getValue();
            long t = after[0] - before[0];
            long w = after[1] - before[1];
            threadTicks += t;
            wakeUps += w;
            rows.add(String.format(Locale.ROOT, "%8.0f ms %8d switches  %s", t * 1000.0 / ProcStats.HZ, w, e.getKey()));
        }
        rows.sort(java.util.Comparator.reverseOrder());
        System.err.printf(Locale.ROOT, "  per thread over the window (CPU, voluntary+involuntary context switches):%n");
        rows.forEach(r -> System.err.println("  " + r));
        System.err.printf(Locale.ROOT, "  threads that ended in the window: %.0f ms; all threads: %d switches, %.1f per second%n",
                (end.ticks() - start.ticks() - threadTicks) * 1000.0 / ProcStats.HZ, wakeUps,
                wakeUps / (double) window.toSeconds());
        return wakeUps;
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
