import io.heapstream.api.TopicFeed;
import io.heapstream.api.metrics.LatestScrapes;
import io.heapstream.api.metrics.MetricsApi;
import io.heapstream.collector.publish.ProducerSettings;
import io.heapstream.local.KafkaBroker;
import io.heapstream.model.Json;
import io.heapstream.model.Topics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The age of the values heapstream api serves on metrics.k8s.io, end to end (issue 15's benchmark): scrapes
 * stamped "now" on each node's own phase of the scrape grid, produced as the collectors produce them (their
 * producer settings, the scrape time as the record's timestamp) to a real broker, read by the role's own feed
 * ({@link TopicFeed} into {@link LatestScrapes}, as ApiService wires them) and served by {@link MetricsApi}. At
 * random instants a random node and a random pod are asked for; the age is the instant minus the answer's
 * {@code timestamp}. That includes up to one scrape interval by construction (a value is replaced only by the next
 * scrape): the target is one interval + 5 s. Also: scrape time to applied (transport + apply). In process, no TLS.
 * Usage: bench/api/run.sh age [nodes=1000] [podsPerNode=30] [minutes=3] [scrapeSeconds=15] [partitions=4]
 */
public class AgeBench {
    public static void main(String[] args) throws Exception {
        int nodes = arg(args, 0, 1000);
        int podsPerNode = arg(args, 1, 30);
        var runFor = Duration.ofMinutes(arg(args, 2, 3));
        var interval = Duration.ofSeconds(arg(args, 3, 15));
        int partitions = arg(args, 4, 4);
        double loadBefore = load();
        var clock = Clock.systemUTC();
        try (var broker = KafkaBroker.launch()) {
            try (var admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrap()))) {
                admin.createTopics(List.of(new NewTopic(Topics.DEFAULT_RAW, partitions, (short) 1))).all().get();
            }
            var state = new LatestScrapes("c1", interval, Duration.ofMinutes(2), clock);
            var applied = new ConcurrentLinkedQueue<Double>();
            var kafka = Map.of("bootstrap.servers", broker.bootstrap());
            var feed = new TopicFeed<>(kafka, Topics.raw(), (key, scrape) -> {
                state.apply(scrape);
                applied.add(Duration.between(scrape.scrapeTime(), clock.instant()).toNanos() / 1e9);
            }, Duration.ofMinutes(2), clock, new SimpleMeterRegistry());
            var feedThread = new Thread(feed, "api-raw-feed");
            feedThread.setDaemon(true);
            feedThread.start();

            var serializer = Topics.raw().valueSerde().serializer();
            // The collectors' producer, with their default compression.
            var producer = new KafkaProducer<String, byte[]>(
                    ProducerSettings.of(broker.bootstrap(), "age-bench", "zstd", Map.of()));
            var scheduler = Executors.newScheduledThreadPool(2);
            var random = new Random(4);
            for (int n = 0; n < nodes; n++) {
                int node = n;
                long phase = interval.toMillis() * n / nodes;   // each collector on its own phase of the grid
                scheduler.scheduleAtFixedRate(() -> {
                    var scrape = ApiBench.scrape(node, podsPerNode, clock.instant(), random);
                    producer.send(new ProducerRecord<>(Topics.DEFAULT_RAW, null, scrape.scrapeTime().toEpochMilli(),
                            scrape.key(), serializer.serialize(Topics.DEFAULT_RAW, scrape)));
                }, phase, interval.toMillis(), TimeUnit.MILLISECONDS);
            }
            // Two scrapes per node before a node is served (CPU is a rate), and the feed caught up.
            Thread.sleep(interval.multipliedBy(2).plusSeconds(5).toMillis());
            applied.clear();
            var api = new MetricsApi(state, clock);
            var nodeAges = new java.util.ArrayList<Double>();
            var podAges = new java.util.ArrayList<Double>();
            long end = System.nanoTime() + runFor.toNanos();
            var pick = new Random(5);
            while (System.nanoTime() < end) {
                int node = pick.nextInt(nodes);
                int pod = pick.nextInt(podsPerNode);
                age(api, MetricsApi.PREFIX + "/nodes/node-" + node, clock).ifPresent(nodeAges::add);
                age(api, MetricsApi.PREFIX + "/namespaces/" + ApiBench.namespace(node, pod) + "/pods/"
                        + ApiBench.podName(node, pod), clock).ifPresent(podAges::add);
                Thread.sleep(20 + pick.nextInt(60));   // random instants on the grid
            }
            scheduler.shutdownNow();
            producer.close(Duration.ofSeconds(5));
            feed.stop();
            double loadAfter = load();
            var delivered = applied.stream().mapToDouble(Double::doubleValue).toArray();
            var nodeSeconds = nodeAges.stream().mapToDouble(Double::doubleValue).toArray();
            var podSeconds = podAges.stream().mapToDouble(Double::doubleValue).toArray();
            System.out.printf(Locale.ROOT, "## heapstream api, age of served values: %,d nodes x %d pods, scrape every"
                    + " %ds, %d partitions, %d min%n%n", nodes, podsPerNode, interval.toSeconds(), partitions,
                    runFor.toMinutes());
            System.out.println("| figure | p50 | p99 | max | samples | target |");
            System.out.println("|---|---|---|---|---|---|");
            row("age of a served node's value at a random instant", nodeSeconds, (interval.toSeconds() + 5) + " s p99");
            row("age of a served pod's value at a random instant", podSeconds, (interval.toSeconds() + 5) + " s p99");
            row("scrape time to applied to the served state (transport + apply)", delivered, "-");
            System.out.printf(Locale.ROOT, "%nLoad average (1 min) %.1f at the start, %.1f at the end, %d cores.%n",
                    loadBefore, loadAfter, Runtime.getRuntime().availableProcessors());
        }
    }

    static java.util.Optional<Double> age(MetricsApi api, String path, Clock clock) throws Exception {
        var answer = api.get(path, Map.of());
        if (answer.status() != 200) {
            return java.util.Optional.empty();   // not served: counted as missing, printed below as fewer samples
        }
        var timestamp = Json.mapper().valueToTree(answer.body()).path("timestamp").asText();
        return java.util.Optional.of(Duration.between(Instant.parse(timestamp), clock.instant()).toNanos() / 1e9);
    }

    static void row(String figure, double[] seconds, String target) {
        if (seconds.length == 0) {
            System.out.printf("| %s | - | - | - | 0 | %s |%n", figure, target);
            return;
        }
        var p = ApiBench.percentiles(seconds.clone());
        double max = java.util.Arrays.stream(seconds).max().orElse(0);
        System.out.printf(Locale.ROOT, "| %s | %.3f s | %.3f s | %.3f s | %,d | %s |%n", figure, p[0], p[1], max,
                seconds.length, target);
    }

    static int arg(String[] args, int i, int fallback) {
        return args.length > i ? Integer.parseInt(args[i]) : fallback;
    }

    static double load() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }
}
