import io.heapstream.aggregator.AggregatorConfig;
import io.heapstream.aggregator.AggregatorService;
import io.heapstream.model.Topics;
import io.heapstream.testkit.InfluxServer;
import io.heapstream.testkit.KafkaBroker;
import io.heapstream.testkit.sim.Fleet;
import io.heapstream.testkit.sim.FleetSpec;
import io.heapstream.testkit.sim.RawScrapeProducer;
import io.heapstream.writer.WriterConfig;
import io.heapstream.writer.WriterService;
import io.heapstream.writer.delivery.Batch;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * End-to-end freshness under load: a simulated fleet produced live, in real time, on its scrape grid (as
 * collectors would publish it) → a real broker → the aggregator → the writer → a real InfluxDB. For every point
 * InfluxDB acknowledges, freshness = acknowledgement time − its window's end (InfluxDB 1.x answers a query with a
 * point as soon as it acknowledged its write). Reports p50/p99 over points and over windows (a window counts
 * when its last point is in), and both minus the grace period, against the target p99 ≤ 5 s past grace.
 *
 * <p>Usage: {@code java -cp <app test classpath> bench/e2e/FreshnessBench.java [nodes=500] [pods=30]
 * [minutes=7] [window=1m] [grace=30s] [scrape=15s] [partitions=4]}
 */
public final class FreshnessBench {
    public static void main(String[] args) throws Exception {
        int nodes = arg(args, 0, 500);
        int pods = arg(args, 1, 30);
        int minutes = arg(args, 2, 7);
        var window = Duration.parse("PT" + (args.length > 3 ? args[3] : "1m").toUpperCase(Locale.ROOT));
        var grace = Duration.parse("PT" + (args.length > 4 ? args[4] : "30s").toUpperCase(Locale.ROOT));
        var scrape = Duration.parse("PT" + (args.length > 5 ? args[5] : "15s").toUpperCase(Locale.ROOT));
        int partitions = arg(args, 6, 4);

        try (var broker = KafkaBroker.launch(); var influx = InfluxServer.launch()) {
            var resolutions = List.of(window, Duration.ofHours(1));
            var topics = new ArrayList<NewTopic>();
            topics.add(new NewTopic(Topics.DEFAULT_RAW, partitions, (short) 1));
            resolutions.forEach(r -> topics.add(new NewTopic(Topics.DEFAULT_ROLLUP_PREFIX + Topics.suffix(r),
                    partitions, (short) 1)));
            topics.add(new NewTopic(Topics.DEFAULT_LATE, 1, (short) 1));
            topics.add(new NewTopic(Topics.DEFAULT_DEAD_LETTER, 1, (short) 1));
            try (var admin = Admin.create(Map.<String, Object>of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                    broker.bootstrap()))) {
                admin.createTopics(topics).all().get();
            }
            var acks = new Acks();
            var writer = new WriterService(WriterConfig.fromMap(Map.of(
                    "HEAPSTREAM_KAFKA_BOOTSTRAP", broker.bootstrap(),
                    "HEAPSTREAM_INFLUX_URL", influx.url(),
                    "HEAPSTREAM_RETENTION", Topics.suffix(window) + "=7d,1h=400d")), new SimpleMeterRegistry(), acks);
            var aggregatorRegistry = new SimpleMeterRegistry();
            var aggregator = new AggregatorService(AggregatorConfig.fromMap(Map.of(
                    "HEAPSTREAM_KAFKA_BOOTSTRAP", broker.bootstrap(),
                    "HEAPSTREAM_WINDOW", Topics.suffix(window),
                    "HEAPSTREAM_GRACE", Topics.suffix(grace),
                    "HEAPSTREAM_RESOLUTIONS", "1h",
                    "HEAPSTREAM_RAW_PARTITIONS", Integer.toString(partitions),
                    "HEAPSTREAM_STATE_DIR", Files.createTempDirectory("bench-e2e-state-").toString())),
                    aggregatorRegistry);
            writer.start();
            aggregator.start();
            while (!(aggregator.isReady() && writer.isReady())) {
                Thread.sleep(200);
            }
            var spec = new FleetSpec(1, nodes, pods, 1, 42, scrape, FleetSpec.Churn.typical());
            var started = Instant.now();
            var fleet = new Fleet(spec, started);
            var running = new AtomicBoolean(true);
            var producer = new RawScrapeProducer(broker.bootstrap(), Topics.DEFAULT_RAW, Map.of());
            var produce = new Thread(() -> producer.produceLive(fleet, Clock.systemUTC(), RawScrapeProducer.MAX_RATE,
                    running::get), "bench-produce");
            produce.start();
            // Windows that start before the first full one are partial: leave them out.
            long firstFull = (started.toEpochMilli() / window.toMillis() + 1) * window.toMillis();
            Thread.sleep(Duration.ofMinutes(minutes).toMillis());
            running.set(false);
            produce.join();
            producer.close();
            aggregator.close();
            writer.stop();

            var perPoint = acks.pointFreshness(firstFull, window);
            var perWindow = acks.windowFreshness(firstFull, window);
            double g = grace.toMillis() / 1000.0;
            System.out.printf(Locale.ROOT, "load: %d nodes x %d pods (1 container each), %s grid = %.1f scrapes/s,"
                            + " produced live for %d min; window %s, grace %s, %d raw partitions; late scrapes %.0f%n",
                    nodes, pods, Topics.suffix(scrape), nodes / (double) scrape.toSeconds(), minutes,
                    Topics.suffix(window), Topics.suffix(grace), partitions,
                    aggregatorRegistry.get("heapstream.aggregator.late.records").counter().count());
            System.out.println();
            System.out.println("| freshness (window end → acknowledged by InfluxDB) | samples | p50 | p99 | max"
                    + " | p99 past grace | target |");
            System.out.println("|---|---|---|---|---|---|---|");
            row("per point", perPoint, g);
            row("per window (its last point)", perWindow, g);
        }
        System.exit(0);
    }

    private static void row(String what, double[] seconds, double grace) {
        if (seconds.length == 0) {
            System.out.printf(Locale.ROOT, "| %s | 0 | - | - | - | - | p99 ≤ 5 s past grace |%n", what);
            return;
        }
        Arrays.sort(seconds);
        double p99 = quantile(seconds, 0.99);
        System.out.printf(Locale.ROOT, "| %s | %d | %.1f s | %.1f s | %.1f s | %.1f s | p99 ≤ 5 s past grace: %s |%n",
                what, seconds.length, quantile(seconds, 0.5), p99, seconds[seconds.length - 1], p99 - grace,
                p99 - grace <= 5 ? "met" : "missed");
    }

    private static double quantile(double[] sorted, double q) {
        return sorted[(int) Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
    }

    private static int arg(String[] args, int index, int fallback) {
        return args.length > index ? Integer.parseInt(args[index]) : fallback;
    }

    /** Acknowledgement wall time of every base-resolution point, by its window start (from the line's timestamp). */
    static final class Acks implements io.heapstream.writer.delivery.WriterHooks {
        private final Map<Long, List<Long>> byWindow = new ConcurrentHashMap<>();

        @Override
        public void acknowledged(Batch batch) {
            long now = System.currentTimeMillis();
            var counts = new HashMap<Long, Integer>();
            batch.groups().forEach((policy, group) -> {
                if (policy.endsWith("_1h")) {
                    return;
                }
                for (var line : group.lines()) {
                    counts.merge(Long.parseLong(line.substring(line.lastIndexOf(' ') + 1)), 1, Integer::sum);
                }
            });
            counts.forEach((start, n) -> {
                var list = byWindow.computeIfAbsent(start, k -> java.util.Collections.synchronizedList(new ArrayList<>()));
                for (int i = 0; i < n; i++) {
                    list.add(now);
                }
            });
        }

        double[] pointFreshness(long firstFull, Duration window) {
            return byWindow.entrySet().stream().filter(e -> e.getKey() >= firstFull)
                    .flatMap(e -> e.getValue().stream().map(t -> (t - e.getKey() - window.toMillis()) / 1000.0))
                    .mapToDouble(Double::doubleValue).toArray();
        }

        double[] windowFreshness(long firstFull, Duration window) {
            return byWindow.entrySet().stream().filter(e -> e.getKey() >= firstFull)
                    .mapToDouble(e -> (e.getValue().stream().mapToLong(Long::longValue).max().orElseThrow()
                            - e.getKey() - window.toMillis()) / 1000.0).toArray();
        }
    }
}
