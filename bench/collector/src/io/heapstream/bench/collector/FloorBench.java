package io.heapstream.bench.collector;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The floor of a JVM: what a collector JVM costs before it scrapes anything. A child JVM with the DaemonSet's
 * {@code JAVA_TOOL_OPTIONS} and {@code MALLOC_ARENA_MAX} (run.sh reads them from the manifest), on the JDK of
 * ALLIN_JAVA_HOME or the harness's, running either {@code idle} (a main that sleeps: the JVM's own threads) or
 * {@code status} (the collector role's runtime without its service: registry, JVM meters, logging and the status
 * server, probed at the manifest's periods and {@code /metrics} scraped every 30 s, as {@link AllInBench} does).
 * After the warm-up, its whole CPU (utime + stime, every thread) over the window, as mCPU and as CPU ms per 15 s
 * (the scrape interval, to set beside the all-in figures); per thread on stderr; RSS and PSS at the end.
 */
public final class FloorBench {
    private static final Duration SCRAPE_INTERVAL = Duration.ofSeconds(15);

    private FloorBench() { }

    /** args: idle|status warm-up window floor-classes-dir image-classpath-file. */
    public static void main(String[] args) throws Exception {
        String kind = args[0];
        Duration warmUp = Duration.parse(args[1]);
        Duration window = Duration.parse(args[2]);
        String floorClasses = args[3];
        String imageClasspath = Files.readString(Path.of(args[4])).strip();
        Path log = Path.of(System.getenv().getOrDefault("BENCH_CHILD_LOG", "bench/collector/target/floor-" + kind + ".log"));
        int port = AllInBench.freePort();
        var builder = switch (kind) {
            case "idle" -> AllInBench.childJvm(floorClasses, log, "io.heapstream.bench.floor.IdleMain");
            case "status" -> AllInBench.childJvm(floorClasses + ":" + imageClasspath, log,
                    "io.heapstream.bench.floor.StatusOnlyMain");
            default -> throw new IllegalArgumentException("kind: idle | status, not " + kind);
        };
        builder.environment().put("HEAPSTREAM_HTTP_ADDRESS", "127.0.0.1");
        builder.environment().put("HEAPSTREAM_HTTP_PORT", String.valueOf(port));
        Process child = builder.start();
        var probes = kind.equals("status") ? AllInBench.probe("http://127.0.0.1:" + port) : null;
        try {
            Thread.sleep(warmUp.toMillis());
            var proc = ProcStats.of(child.pid());
            var start = AllInBench.Snapshot.of(proc);
            List<Double> loads = AllInBench.window(child, window, log);
            var end = AllInBench.Snapshot.of(proc);
            long wakeUps = AllInBench.printThreads(start, end, window);
            double cpuMs = (end.ticks() - start.ticks()) * 1000.0 / ProcStats.HZ;
            var status = proc.status();
            var rollup = proc.smapsRollup();
            System.out.printf(Locale.ROOT, "| floor | %s | JDK %s | window %s | load %.1f (%.1f–%.1f) | %.0f ms CPU"
                            + " | %.3f mCPU | %.2f ms per 15 s | %.1f wake-ups/s | RSS %d MB | peak RSS %d MB"
                            + " | anon %d MB, file %d MB | PSS %d MB | threads %d |%n",
                    kind, jdkVersion(), window, loads.stream().mapToDouble(d -> d).average().orElse(0),
                    loads.stream().mapToDouble(d -> d).min().orElse(0), loads.stream().mapToDouble(d -> d).max().orElse(0),
                    cpuMs, cpuMs / window.toMillis() * 1000, cpuMs * SCRAPE_INTERVAL.toMillis() / window.toMillis(),
                    wakeUps / (double) window.toSeconds(), status.get("VmRSS") >> 10, status.get("VmHWM") >> 10,
                    status.get("RssAnon") >> 10, status.get("RssFile") >> 10, rollup.get("Pss") >> 10,
                    status.get("Threads"));
        } finally {
            if (probes != null) {
                probes.shutdownNow();
            }
            child.destroy();
            child.waitFor(20, TimeUnit.SECONDS);
        }
        System.exit(0);
    }

    /** JAVA_VERSION of the child's JDK, from its release file. */
    private static String jdkVersion() throws java.io.IOException {
        return Files.readAllLines(AllInBench.javaHome().resolve("release")).stream()
                .filter(l -> l.startsWith("JAVA_VERSION=")).map(l -> l.replaceAll("JAVA_VERSION=|\"", ""))
                .findFirst().orElse("?");
    }
}
