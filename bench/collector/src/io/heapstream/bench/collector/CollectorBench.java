package io.heapstream.bench.collector;

import io.heapstream.collector.CollectorConfig;
import io.heapstream.collector.CollectorMetrics;
import io.heapstream.collector.CollectorService;
import io.heapstream.collector.ScrapeLoop;
import io.heapstream.collector.kubelet.KubeletClient;
import io.heapstream.collector.metadata.KubeletPodMetadata;
import io.heapstream.collector.metadata.LabelFilter;
import io.heapstream.collector.metadata.PodMetadata;
import io.heapstream.model.codec.RawScrapeWriter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.common.compress.Compression;

/**
 * The collector's cost, measured in a JVM that has only the collector's runtime classpath: {@code cpu} (process
 * CPU per scrape of a kubelet in another JVM), {@code service} (the whole collector producing to a real broker
 * in another JVM: CPU per scrape, RSS, PSS and private memory). Prints Markdown rows; see bench/collector/run.sh.
 */
public final class CollectorBench {
    private CollectorBench() { }

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "cpu" -> cpu(Integer.parseInt(args[1]), Integer.parseInt(args[2]), args[3], args[4]);
            case "service" -> service(Integer.parseInt(args[1]), Duration.parse(args[2]), args[3], args[4], args[5]);
            default -> throw new IllegalArgumentException("mode: cpu | service");
        }
        System.exit(0);
    }

    /** Process CPU per scrape: HTTP GET, parse, enrich, serialize and compress as the producer would. */
    static void cpu(int pods, int scrapes, String metadataMode, String compression) throws Exception {
        try (var kubelet = KubeletProcess.start(pods)) {
            var registry = new SimpleMeterRegistry();
            var metrics = new CollectorMetrics(registry);
            var client = new KubeletClient(new KubeletClient.Settings(null, null, false, Duration.ofSeconds(10), 4 << 20));
            PodMetadata metadata = metadataMode.equals("kubelet")
                    ? new KubeletPodMetadata(client, kubelet.url("/pods"), Duration.ofSeconds(60), LabelFilter.ALL, metrics,
                    Clock.systemUTC())
                    : PodMetadata.off();
            var codec = Compression.of(compression).build();
            long[] bytes = new long[2];
            ScrapeLoop.Sink sink = scrape -> {
                // What RawPublisher does with a record: the streaming writer, then the producer's codec.
                byte[] value = RawScrapeWriter.write(scrape);
                bytes[0] = value.length;
                bytes[1] = Codecs.compressedSize(codec, value);
            };
            var loop = new ScrapeLoop("bench", "node", kubelet.url("/stats/summary"), Duration.ofSeconds(15), client,
                    metadata, sink, metrics, Clock.systemUTC());
            Instant slot = Instant.parse("2025-01-01T00:00:00Z");
            for (int i = 0; i < Math.max(200, scrapes / 2); i++) {
                require(loop.scrape(slot = slot.plusSeconds(15)));
            }
            var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
            long allocated0 = threads.getCurrentThreadAllocatedBytes();
            long gcMs0 = gcMillis();
            long cpu0 = processCpuNanos();
            long wall0 = System.nanoTime();
            for (int i = 0; i < scrapes; i++) {
                require(loop.scrape(slot = slot.plusSeconds(15)));
            }
            double cpuMs = (processCpuNanos() - cpu0) / 1e6 / scrapes;
            System.err.printf(Locale.ROOT, "  allocated %.2f MB/scrape (scrape thread), GC %.2f ms/scrape%n",
                    (threads.getCurrentThreadAllocatedBytes() - allocated0) / 1e6 / scrapes,
                    (gcMillis() - gcMs0) / (double) scrapes);
            double wallMs = (System.nanoTime() - wall0) / 1e6 / scrapes;
            System.out.printf(Locale.ROOT, "| cpu | %d pods | metadata %s | %s | %d scrapes | %.2f ms CPU/scrape | %.2f ms wall/scrape"
                            + " | summary %d B | record %d B | compressed %d B | RSS %d MB |%n",
                    pods, metadataMode, compression, scrapes, cpuMs, wallMs, kubelet.summaryBytes, bytes[0], bytes[1],
                    ProcStats.self().rssKb() / 1024);
            smaps();
        }
    }

    /**
     * The whole collector for {@code duration} after a minute of warm-up: real scrapes, a real broker (the topic
     * is made by the broker's JVM, so no admin client is loaded here); then CPU per scrape and memory.
     */
    static void service(int pods, Duration duration, String compression, String interval, String metadataMode)
            throws Exception {
        String bootstrap = System.getenv("HEAPSTREAM_BENCH_KAFKA");
        String topic = System.getenv("HEAPSTREAM_BENCH_TOPIC");
        boolean api = metadataMode.equals("api");
        try (var kubelet = KubeletProcess.start(pods, api)) {
            var registry = new SimpleMeterRegistry();
            var config = CollectorConfig.fromMap(Map.of("HEAPSTREAM_CLUSTER", "bench", "HEAPSTREAM_NODE_NAME", "node",
                    "HEAPSTREAM_KAFKA_BOOTSTRAP", bootstrap, "HEAPSTREAM_RAW_TOPIC", topic,
                    "HEAPSTREAM_KUBELET_URL", kubelet.url("/stats/summary").toString(),
                    "HEAPSTREAM_SCRAPE_INTERVAL", interval, "HEAPSTREAM_KUBELET_TIMEOUT", "1s",
                    "HEAPSTREAM_METADATA", metadataMode, "HEAPSTREAM_COMPRESSION", compression));
            // --metadata api: the role's informers, against the mock API server (which lacks the spec.nodeName
            // field selector, hence the cache's own node filter, as in PodMetadataCacheTest).
            java.util.function.Supplier<PodMetadata> metadata = api ? () -> MockApi.cache(kubelet.apiUrl, registry) : null;
            try (var service = new CollectorService(config, registry, Clock.systemUTC(), metadata)) {
                service.start();
                // The first minute warms the JIT; the rest is the steady state a node sees.
                Thread.sleep(60_000);
                var threadCpu0 = threadCpu();
                long cpu0 = processCpuNanos();
                long gcMs0 = gcMillis();
                long gcs0 = gcCount();
                double scrapes0 = registry.get("heapstream.collector.scrapes").counter().count();
                Thread.sleep(duration.toMillis());
                long processMs = (processCpuNanos() - cpu0) / 1_000_000;
                var threadCpu1 = threadCpu();
                long javaThreadsMs = 0;
                var perThread = new java.util.TreeMap<Long, String>(java.util.Comparator.reverseOrder());
                for (var e : threadCpu1.entrySet()) {
                    long ms = (e.getValue() - threadCpu0.getOrDefault(e.getKey(), 0L)) / 1_000_000;
                    javaThreadsMs += ms;
                    perThread.merge(ms, e.getKey(), (a, b) -> a + ", " + b);
                }
                System.err.printf(Locale.ROOT, "  CPU in the window: process %d ms, Java threads %d ms, JVM (GC, JIT) %d ms;"
                        + " %d collections taking %d ms%n", processMs, javaThreadsMs, processMs - javaThreadsMs,
                        gcCount() - gcs0, gcMillis() - gcMs0);
                perThread.entrySet().stream().limit(6).forEach(e -> System.err.println("    " + e.getKey() + " ms " + e.getValue()));
                double scrapes = registry.get("heapstream.collector.scrapes").counter().count() - scrapes0;
                double cpuMs = processMs / scrapes;
                var memory = ManagementFactory.getMemoryMXBean();
                var status = ProcStats.self().status();
                var rollup = ProcStats.self().smapsRollup();
                System.out.printf(Locale.ROOT, "| service | %d pods | metadata %s | %s | every %s | %.0f scrapes in %s"
                                + " | %.2f ms CPU/scrape (all threads, idle time included) | produced %.0f | errors %d"
                                // "RSS n MB | peak RSS n MB" adjacent: bench/BenchReport.java reads them so.
                                + " | RSS %d MB | peak RSS %d MB | anon %d MB, file %d MB | PSS %d MB | private dirty %d MB"
                                + " | heap committed %d MB, used %d MB | non-heap %d MB | threads %d | classes %d | ready %s |%n",
                        pods, metadataMode, compression, interval, scrapes, duration, cpuMs,
                        registry.get("heapstream.collector.records.produced").counter().count(),
                        registry.find("heapstream.collector.scrape.errors").counters().size(),
                        status.get("VmRSS") >> 10, status.get("VmHWM") >> 10, status.get("RssAnon") >> 10,
                        status.get("RssFile") >> 10, rollup.get("Pss") >> 10, rollup.get("Private_Dirty") >> 10,
                        memory.getHeapMemoryUsage().getCommitted() >> 20, memory.getHeapMemoryUsage().getUsed() >> 20,
                        memory.getNonHeapMemoryUsage().getUsed() >> 20, status.get("Threads"),
                        ManagementFactory.getClassLoadingMXBean().getLoadedClassCount(), service.ready());
                smaps();
                // After the figures above: what the heap holds once garbage is gone (the live set).
                System.gc();
                System.err.printf(Locale.ROOT, "  live heap after a full GC: %.1f MB%n",
                        memory.getHeapMemoryUsage().getUsed() / 1e6);
            }
        }
    }

    static Map<String, Long> threadCpu() {
        var threads = ManagementFactory.getThreadMXBean();
        var result = new java.util.HashMap<String, Long>();
        for (long id : threads.getAllThreadIds()) {
            var info = threads.getThreadInfo(id);
            long cpu = threads.getThreadCpuTime(id);
            if (info != null && cpu >= 0) {
                result.merge(info.getThreadName() + "#" + id, cpu, Long::sum);
            }
        }
        return result;
    }

    static long gcMillis() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(b -> b.getCollectionTime()).sum();
    }

    static long gcCount() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(b -> b.getCollectionCount()).sum();
    }

    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** RSS by kind of mapping, for finding where memory goes (set HEAPSTREAM_BENCH_SMAPS=1). */
    static void smaps() throws IOException {
        if (System.getenv("HEAPSTREAM_BENCH_SMAPS") == null) {
            return;
        }
        var byName = new java.util.TreeMap<String, Long>();
        String name = "";
        for (String line : Files.readAllLines(Path.of("/proc/self/smaps"))) {
            if (Character.isDigit(line.charAt(0)) || (line.charAt(0) >= 'a' && line.charAt(0) <= 'f' && line.contains("-"))) {
                String[] parts = line.trim().split("\\s+");
                name = parts.length >= 6 ? parts[5].replaceAll(".*/", "") : "[anon]";
            } else if (line.startsWith("Rss:")) {
                byName.merge(name, Long.parseLong(line.replaceAll("[^0-9]", "")), Long::sum);
            }
        }
        byName.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(12)
                .forEach(e -> System.err.println("  smaps " + e.getKey() + " " + e.getValue() / 1024 + " MB"));
    }

    private static void require(boolean scraped) {
        if (!scraped) {
            throw new IllegalStateException("a scrape failed; see the log");
        }
    }

    /** The kubelet child JVM. */
    static final class KubeletProcess implements AutoCloseable {
        private final Process process;
        private final int port;
        final int summaryBytes;
        /** The mock API server's URL, or {@code null}. */
        final String apiUrl;

        private KubeletProcess(Process process, int port, int summaryBytes, String apiUrl) {
            this.process = process;
            this.port = port;
            this.summaryBytes = summaryBytes;
            this.apiUrl = apiUrl;
        }

        static KubeletProcess start(int pods) throws IOException {
            return start(pods, false);
        }

        static KubeletProcess start(int pods, boolean api) throws IOException {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            // The kubelet needs the test kit (fixtures); the collector JVM does not get it.
            var process = new ProcessBuilder(java, "-Xmx256m", "-XX:+UseSerialGC", "-cp",
                    System.getProperty("bench.kubelet.classpath"), "io.heapstream.bench.collector.KubeletServerMain",
                    String.valueOf(pods), api ? "api" : "kubelet")
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            var reader = new BufferedReader(new InputStreamReader(process.getInputStream()));
            String line;
            do {
                line = reader.readLine();
                if (line == null) {
                    throw new IOException("the kubelet process ended before it listened");
                }
            } while (!line.startsWith("kubelet "));
            String[] answer = line.substring("kubelet ".length()).strip().split(" ");
            return new KubeletProcess(process, Integer.parseInt(answer[0]), Integer.parseInt(answer[1]),
                    answer.length > 2 ? answer[2] : null);
        }

        URI url(String path) {
            return URI.create("http://127.0.0.1:" + port + path);
        }

        @Override
        public void close() throws IOException {
            process.getOutputStream().close();
            try {
                process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroy();
            }
        }
    }
}
