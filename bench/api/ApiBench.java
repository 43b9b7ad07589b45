import io.heapstream.api.metrics.LatestScrapes;
import io.heapstream.api.metrics.MetricsApi;
import io.heapstream.model.Json;
import io.heapstream.model.Topics;
import io.heapstream.model.raw.ContainerStats;
import io.heapstream.model.raw.CpuStats;
import io.heapstream.model.raw.MemoryStats;
import io.heapstream.model.raw.NodeMeta;
import io.heapstream.model.raw.NodeStats;
import io.heapstream.model.raw.PodMeta;
import io.heapstream.model.raw.PodRef;
import io.heapstream.model.raw.PodStats;
import io.heapstream.model.raw.RawScrape;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * heapstream api's metrics.k8s.io state at a fleet's size (issue 15's benchmark): heap held per pod, latency of
 * a single pod, a namespace and all pods (answer built and written as JSON, in process: no TLS, no network), and
 * how fast raw scrapes are read and applied (what bounds the age of the served values). Prints Markdown.
 * Latencies are wall-clock; the CPU time of the answering thread beside them is what a loaded machine distorts
 * least. Usage: java ApiBench.java [nodes=5000] [podsPerNode=30]
 */
public class ApiBench {
    static final int NAMESPACES = 50;
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    public static void main(String[] args) throws Exception {
        int nodes = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
        int podsPerNode = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        int pods = nodes * podsPerNode;
        var clock = Clock.fixed(T0.plusSeconds(20), java.time.ZoneOffset.UTC);
        long before = usedHeap();
        var state = new LatestScrapes(null, Duration.ofSeconds(15), Duration.ofMinutes(2), clock);
        var random = new Random(1);
        for (int n = 0; n < nodes; n++) {
            state.apply(scrape(n, podsPerNode, T0, random));
            state.apply(scrape(n, podsPerNode, T0.plusSeconds(15), random));
        }
        long after = usedHeap();
        var api = new MetricsApi(state, clock);
        System.out.printf(Locale.ROOT, "## heapstream api (metrics.k8s.io), %,d nodes x %d pods (2 containers, 3 labels each)%n%n",
                nodes, podsPerNode);
        System.out.println("| figure | measured | target |");
        System.out.println("|---|---|---|");
        System.out.printf(Locale.ROOT, "| heap held per pod (after GC) | %,d bytes | ≤ 1,024 bytes |%n", (after - before) / pods);
        var all = latency(api, MetricsApi.PREFIX + "/pods", 10);
        long allBytes = written;
        var namespace = latency(api, MetricsApi.PREFIX + "/namespaces/ns-7/pods", 100);
        var single = latencySingle(api, nodes, podsPerNode, 20_000);
        System.out.printf(Locale.ROOT, "| one pod, p50 / p99 | %.3f / %.3f ms | p99 ≤ 10 ms |%n", single[0], single[1]);
        System.out.printf(Locale.ROOT, "| one namespace (%,d pods), p50 / p99 (CPU p50) | %.1f / %.1f ms (%.1f ms) | — |%n",
                pods / NAMESPACES, namespace[0], namespace[1], namespace[2]);
        System.out.printf(Locale.ROOT, "| all %,d pods (%,.1f MB of JSON), p50 / p99 (CPU p50) | %.0f / %.0f ms (%.0f ms) | ≤ 1,000 ms |%n",
                pods, allBytes / 1e6, all[0], all[1], all[2]);
        var rates = applyRate(podsPerNode, 3000);
        double rate = rates[0];
        double needed = nodes / 15.0;
        System.out.printf(Locale.ROOT, "| raw scrapes read and applied per second, one thread (per CPU second) | %,.0f (%,.0f): %.1fx (%.1fx) the %,.0f/s of a 15 s grid | ≥ 1x |%n",
                rate, rates[1], rate / needed, rates[1] / needed, needed);
        System.out.printf(Locale.ROOT, "%nThe age of a served value is the scrape's transport to Kafka plus its apply (%.2f ms at"
                + " this rate) once the role keeps up; served values are at most one scrape interval old then.%n", 1000 / rate);
    }

    static double[] latency(MetricsApi api, String path, int rounds) throws Exception {
        for (int i = 0; i < Math.max(2, rounds / 5); i++) {
            write(api.get(path, Map.of()).body());
        }
        var times = new double[rounds];
        var cpu = new double[rounds];
        var threads = ManagementFactory.getThreadMXBean();
        for (int i = 0; i < rounds; i++) {
            long c = threads.getCurrentThreadCpuTime();
            long t = System.nanoTime();
            write(api.get(path, Map.of()).body());
            times[i] = (System.nanoTime() - t) / 1e6;
            cpu[i] = (threads.getCurrentThreadCpuTime() - c) / 1e6;
        }
        var wall = percentiles(times);
        return new double[] {wall[0], wall[1], percentiles(cpu)[0]};
    }

    /** Bytes of the answer's JSON of the latest {@link #write}. */
    static long written;

    /**
     * Writes the answer as the server does (ApiServer streams it to the socket): here to a stream that counts and
     * drops the bytes, so the figure is building and encoding the JSON, not copying 50 MB around.
     */
    static void write(Object body) throws Exception {
        var counting = new java.io.OutputStream() {
            long count;

            @Override
            public void write(int b) {
                count++;
            }

            @Override
            public void write(byte[] b, int off, int len) {
                count += len;
            }
        };
        Json.mapper().writeValue(counting, body);
        written = counting.count;
    }

    static double[] latencySingle(MetricsApi api, int nodes, int podsPerNode, int rounds) throws Exception {
        var random = new Random(2);
        var times = new double[rounds];
        for (int i = -rounds / 5; i < rounds; i++) {
            int node = random.nextInt(nodes);
            int pod = random.nextInt(podsPerNode);
            var path = MetricsApi.PREFIX + "/namespaces/" + namespace(node, pod) + "/pods/" + podName(node, pod);
            long t = System.nanoTime();
            var answer = api.get(path, Map.of());
            write(answer.body());
            if (answer.status() != 200) {
                throw new IllegalStateException(path + ": " + answer.status());
            }
            if (i >= 0) {
                times[i] = (System.nanoTime() - t) / 1e6;
            }
        }
        return percentiles(times);
    }

    /** Reading a scrape's JSON with the model's serde and applying it, as the role's feed does. */
    /** Scrapes per second of wall-clock time and per second of the thread's CPU time. */
    static double[] applyRate(int podsPerNode, int scrapes) {
        var random = new Random(3);
        var serde = Topics.raw().valueSerde();
        var bytes = new ArrayList<byte[]>();
        for (int n = 0; n < 100; n++) {
            bytes.add(serde.serializer().serialize("raw", scrape(n, podsPerNode, T0, random)));
        }
        var state = new LatestScrapes(null, Duration.ofSeconds(15), Duration.ofMinutes(2), Clock.systemUTC());
        var deserializer = serde.deserializer();
        for (int i = 0; i < scrapes / 3; i++) {
            state.apply(deserializer.deserialize("raw", bytes.get(i % bytes.size())));
        }
        var threads = ManagementFactory.getThreadMXBean();
        long c = threads.getCurrentThreadCpuTime();
        long t = System.nanoTime();
        for (int i = 0; i < scrapes; i++) {
            state.apply(deserializer.deserialize("raw", bytes.get(i % bytes.size())));
        }
        double wall = (System.nanoTime() - t) / 1e9;
        return new double[] {scrapes / wall, scrapes / ((threads.getCurrentThreadCpuTime() - c) / 1e9)};
    }

    static double[] percentiles(double[] times) {
        Arrays.sort(times);
        return new double[] {times[times.length / 2], times[(int) Math.min(times.length - 1, Math.ceil(times.length * 0.99) - 1)]};
    }

    static RawScrape scrape(int node, int podsPerNode, Instant t, Random random) {
        var name = "node-" + node;
        long second = t.getEpochSecond() - T0.getEpochSecond();
        var pods = new ArrayList<PodStats>(podsPerNode);
        for (int p = 0; p < podsPerNode; p++) {
            var labels = Map.of("app", "app-" + (p % 10), "pod-template-hash", Integer.toHexString(node * 31 + p),
                    "tier", p % 2 == 0 ? "web" : "backend");
            var containers = List.of(container("main", t, second, random), container("sidecar", t, second, random));
            pods.add(new PodStats(new PodRef(podName(node, p), namespace(node, p), "uid-" + node + "-" + p),
                    T0.minusSeconds(3600), containers, null, null, null, List.of(), null,
                    new PodMeta(labels, "Deployment", "app-" + (p % 10), "Burstable", Map.of())));
        }
        var nodeLabels = Map.of("kubernetes.io/hostname", name, "kubernetes.io/os", "linux",
                "node.kubernetes.io/instance-type", "m5.xlarge", "topology.kubernetes.io/zone", "zone-" + node % 3,
                "kubernetes.io/arch", "amd64");
        var stats = new NodeStats(name, T0.minusSeconds(86_400), new CpuStats(t, null, second * 2_000_000_000L),
                new MemoryStats(t, null, null, 8L << 30, null, null, null), null, null, null, List.of(),
                new NodeMeta(4000L, 3900L, 16L << 30, 15L << 30, nodeLabels));
        return new RawScrape(1, "c1", name, t, stats, pods);
    }

    static ContainerStats container(String name, Instant t, long second, Random random) {
        return new ContainerStats(name, T0.minusSeconds(3600), new CpuStats(t, null, second * 100_000_000L
                + random.nextInt(1000)), new MemoryStats(t, null, null, 100L << 20, null, null, null), null, null,
                List.of());
    }

    static String namespace(int node, int pod) {
        return "ns-" + ((node * 31 + pod) % NAMESPACES);
    }

    static String podName(int node, int pod) {
        return "app-" + (pod % 10) + "-7d9f8c6b5-" + node + "x" + pod;
    }

    static long usedHeap() throws InterruptedException {
        var memory = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return memory.getHeapMemoryUsage().getUsed();
    }
}
