package io.heapstream.bench.pooled;

import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import io.heapstream.bench.collector.ProcStats;
import io.heapstream.collector.CollectorConfig;
import io.heapstream.collector.CollectorService;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;

/**
 * One pooled collector replica holding every shard of an N-node fleet (FleetMain's), measured all-in: the whole
 * process's CPU (utime + stime from /proc/self/stat, every thread: scrapes, producer, group heartbeats,
 * informer, JIT, GC) over a steady window after a warm-up, and its RSS sampled every second of that window
 * (read as the all-in bench reads them: {@link ProcStats}).
 * Prints one Markdown row. Usage: PooledBench NODES WARMUP STEADY INTERVAL (durations as PT60S)
 */
public final class PooledBench {
    private PooledBench() { }

    public static void main(String[] args) throws Exception {
        int nodes = Integer.parseInt(args[0]);
        Duration warmup = Duration.parse(args[1]);
        Duration steady = Duration.parse(args[2]);
        String interval = args[3];
        var env = new HashMap<String, String>();
        env.put("HEAPSTREAM_MODE", "pooled");
        env.put("HEAPSTREAM_CLUSTER", System.getenv("BENCH_CLUSTER"));
        env.put("HEAPSTREAM_NODE_NAME", "bench-pool-0");
        env.put("HEAPSTREAM_KAFKA_BOOTSTRAP", System.getenv("BENCH_KAFKA"));
        env.put("HEAPSTREAM_RAW_TOPIC", System.getenv("BENCH_TOPIC"));
        env.put("HEAPSTREAM_SHARD_TOPIC", "bench_shards_" + System.currentTimeMillis());
        env.put("HEAPSTREAM_SCRAPE_INTERVAL", interval);
        env.put("HEAPSTREAM_METADATA", System.getenv().getOrDefault("BENCH_METADATA", "kubelet"));
        env.put("HEAPSTREAM_BUFFER_MAX_BYTES", "64Mi");
        env.put("HEAPSTREAM_KUBELET_URL_TEMPLATE", "http://{address}:{port}/" + System.getenv("BENCH_CLUSTER")
                + "/{node}/stats/summary");
        var config = CollectorConfig.fromMap(env);
        var registry = new SimpleMeterRegistry();
        var api = new KubernetesClientBuilder().withHttpClientFactory(new JdkHttpClientFactory())
                .withConfig(new ConfigBuilder().withMasterUrl(System.getenv("BENCH_API")).withAutoConfigure(false)
                        .build()).build();
        var self = ProcStats.self();
        try (var service = new CollectorService(config, registry, Clock.systemUTC(), null, () -> api)) {
            service.start();
            Thread.sleep(warmup.toMillis());
            double scrapes0 = count(registry, "heapstream.collector.scrapes");
            double failed0 = failures(registry);
            long cpu0 = self.cpuMillis();
            String load0 = load();
            long rssSum = 0;
            long rssMax = 0;
            int samples = 0;
            long end = System.nanoTime() + steady.toNanos();
            while (System.nanoTime() < end) {
                Thread.sleep(1000);
                long rss = self.rssKb();
                rssSum += rss;
                rssMax = Math.max(rssMax, rss);
                samples++;
            }
            long cpu = self.cpuMillis() - cpu0;
            double scrapes = count(registry, "heapstream.collector.scrapes") - scrapes0;
            double failed = failures(registry) - failed0;
            double dropped = count(registry, "heapstream.collector.buffer.dropped");
            double perScrape = cpu / scrapes;
            double slots = steady.toMillis() / (double) config.scrapeInterval().toMillis();
            double mcpuPerNode = cpu / (double) steady.toMillis() * 1000 / nodes;
            long rssAvgMb = rssSum / samples / 1024;
            System.out.printf("| %d | %s | %.0f (%.1f per node per slot) | %.0f / %d | %.2f | %.3f | %d | %d | %.2f"
                            + " | %s → %s |%n", nodes, steady, scrapes, scrapes / nodes / slots, failed,
                    (long) dropped, perScrape, mcpuPerNode, rssAvgMb, rssMax / 1024,
                    rssAvgMb / (double) nodes, load0, load());
            System.out.flush();
        } finally {
            api.close();
        }
        System.exit(0);
    }

    private static double count(SimpleMeterRegistry registry, String name) {
        var counter = registry.find(name).counter();
        return counter == null ? 0 : counter.count();
    }

    private static double failures(SimpleMeterRegistry registry) {
        return registry.find("heapstream.collector.scrape.errors").counters().stream().mapToDouble(c -> c.count()).sum();
    }

    private static String load() throws Exception {
        double[] load = ProcStats.loadAverage();
        return String.format(java.util.Locale.ROOT, "%.2f %.2f %.2f", load[0], load[1], load[2]);
    }
}
