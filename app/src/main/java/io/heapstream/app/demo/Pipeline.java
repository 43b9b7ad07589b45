package io.heapstream.app.demo;

import io.heapstream.aggregator.AggregatorService;
import io.heapstream.aggregator.config.AggregatorConfig;
import io.heapstream.collector.CollectorConfig;
import io.heapstream.collector.CollectorService;
import io.heapstream.model.Topics;
import io.heapstream.simulator.Fleet;
import io.heapstream.simulator.KubeletSimulator;
import io.heapstream.writer.WriterConfig;
import io.heapstream.writer.WriterService;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pipeline of the demo in this JVM, on a broker that already runs: the simulated kubelets, the aggregator,
 * the writer (when there is an InfluxDB) and one collector per simulated node, wired exactly as their roles wire
 * them, each stage from its own config map. {@link #close()} stops them in the order data flows — collectors
 * first, so the aggregator and the writer can finish what was published — and removes the aggregator's state.
 */
final class Pipeline implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Pipeline.class);
    /** How long the writer may take at stop to write what the aggregator emitted last. */
    private static final Duration WRITER_DRAIN = Duration.ofSeconds(10);

    private final Deque<Runnable> stops = new ArrayDeque<>();
    private final KubeletSimulator simulator;
    private final Path stateDir;
    private WriterService writer;
    private DemoApi api;

    private Pipeline(KubeletSimulator simulator, Path stateDir) {
        this.simulator = simulator;
        this.stateDir = stateDir;
    }

    /** Starts everything; on failure stops what had started and rethrows. */
    static Pipeline start(DemoSettings settings, String bootstrap, InfluxChoice influx, Tally tally) {
        Pipeline pipeline = null;
        try {
            var fleet = new Fleet(settings.fleet(), Clock.systemUTC().instant());
            var simulator = KubeletSimulator.start(fleet, Clock.systemUTC());
            pipeline = new Pipeline(simulator, Files.createTempDirectory("heapstream-demo-state-"));
            // Started against the flow, so that stopping in reverse goes with it; the query role reads last.
            pipeline.api = DemoApi.start(settings, bootstrap, fleet.nodeRefs().get(0).cluster(), influx);
            pipeline.stops.push(pipeline.api::close);
            if (influx.present()) {
                pipeline.startWriter(settings, bootstrap, influx, tally);
            }
            pipeline.startAggregator(settings, bootstrap, tally);
            pipeline.startCollectors(settings, bootstrap, fleet, tally);
            return pipeline;
        } catch (IOException e) {
            stopQuietly(pipeline);
            throw new UncheckedIOException("cannot start the simulated kubelets: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            stopQuietly(pipeline);
            throw e;
        }
    }

    /** The query role's two example requests: Heapster's model API and metrics.k8s.io. */
    List<String> apiCurls() {
        return List.of(api.modelCurl(), api.metricsCurl());
    }

    /** Where the query role's answers come from, in words. */
    String apiSources() {
        return DemoApi.sources(api.config());
    }

    String kubeletsUrl() {
        return simulator.baseUrl();
    }

    /** The Summary API of the fleet's first node, for the user to look at. */
    String exampleSummaryUrl() {
        var first = simulator.fleet().nodeRefs().get(0);
        return simulator.kubeletUrl(first.cluster(), first.node()) + "/stats/summary";
    }

    private void startAggregator(DemoSettings settings, String bootstrap, Tally tally) {
        var config = AggregatorConfig.fromMap(Map.ofEntries(
                Map.entry("HEAPSTREAM_KAFKA_BOOTSTRAP", bootstrap),
                Map.entry("HEAPSTREAM_APPLICATION_ID", "heapstream-demo-aggregator"),
                Map.entry("HEAPSTREAM_WINDOW", Topics.suffix(settings.window())),
                Map.entry("HEAPSTREAM_GRACE", Topics.suffix(settings.grace())),
                Map.entry("HEAPSTREAM_RESOLUTIONS", suffixes(settings.coarser())),
                Map.entry("HEAPSTREAM_RAW_PARTITIONS", Integer.toString(settings.rawPartitions())),
                Map.entry("HEAPSTREAM_STATE_DIR", stateDir.toString()),
                // A demo's state is small: keep the JVM's footprint small too.
                Map.entry("HEAPSTREAM_CACHE_MAX_BYTES", "8Mi"),
                Map.entry("HEAPSTREAM_ROCKSDB_BLOCK_CACHE", "8Mi"),
                Map.entry("HEAPSTREAM_ROCKSDB_WRITE_BUFFER", "4Mi")));
        var registry = new SimpleMeterRegistry();
        var aggregator = new AggregatorService(config, registry);
        stops.push(aggregator::close);
        tally.aggregator(registry);
        aggregator.start();
    }

    private void startWriter(DemoSettings settings, String bootstrap, InfluxChoice influx, Tally tally) {
        // URL, database and an InfluxDB's credentials: the same as the query role's.
        var map = new HashMap<>(influx.roleSettings(settings.influxDb()));
        map.put("HEAPSTREAM_KAFKA_BOOTSTRAP", bootstrap);
        map.put("HEAPSTREAM_GROUP_ID", "heapstream-demo-writer");
        map.put("HEAPSTREAM_RETENTION", settings.resolutions().stream()
                .map(r -> Topics.suffix(r) + (r.equals(settings.window()) ? "=1d" : "=7d"))
                .collect(Collectors.joining(",")));
        map.put("HEAPSTREAM_FLUSH_INTERVAL", "500ms");
        writer = new WriterService(WriterConfig.fromMap(map), new SimpleMeterRegistry(), tally);
        var started = writer;
        stops.push(() -> {
            drain(started);
            started.stop();
        });
        writer.start();
    }

    private void startCollectors(DemoSettings settings, String bootstrap, Fleet fleet, Tally tally) {
        var interval = settings.scrapeInterval();
        var timeout = interval.compareTo(Duration.ofSeconds(5)) < 0 ? interval : Duration.ofSeconds(5);
        var collectors = new ArrayList<CollectorService>();
        stops.push(() -> collectors.parallelStream().forEach(CollectorService::close));
        for (var node : fleet.nodeRefs()) {
            var config = CollectorConfig.fromMap(Map.of(
                    "HEAPSTREAM_CLUSTER", node.cluster(),
                    "HEAPSTREAM_NODE_NAME", node.node(),
                    "HEAPSTREAM_KAFKA_BOOTSTRAP", bootstrap,
                    "HEAPSTREAM_KUBELET_URL", simulator.kubeletUrl(node.cluster(), node.node()) + "/stats/summary",
                    // The simulated kubelets take no token; never send a real service account's one to them.
                    "HEAPSTREAM_KUBELET_TOKEN_FILE", "/dev/null",
                    "HEAPSTREAM_METADATA", "kubelet",
                    "HEAPSTREAM_SCRAPE_INTERVAL", Topics.suffix(interval),
                    "HEAPSTREAM_KUBELET_TIMEOUT", timeout.toMillis() + "ms"));
            var registry = new SimpleMeterRegistry();
            var collector = new CollectorService(config, registry);
            collectors.add(collector);
            tally.collector(registry);
            collector.start();
        }
    }

    /** The writer's consumer has read everything and InfluxDB has acknowledged it, or the drain time is over. */
    private static void drain(WriterService writer) {
        long deadline = System.nanoTime() + WRITER_DRAIN.toNanos();
        int quiet = 0;
        while (quiet < 3 && System.nanoTime() < deadline) {
            var m = writer.metrics();
            quiet = m.consumerLag().get() == 0 && m.pendingPoints().get() == 0 ? quiet + 1 : 0;
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Stops the stages in data-flow order, then the kubelets; removes the aggregator's state. Idempotent. */
    @Override
    public void close() {
        Runnable stop;
        while ((stop = nextStop()) != null) {
            try {
                stop.run();
            } catch (RuntimeException e) {
                LOG.warn("demo stop step failed: {}", e.toString());
            }
        }
        simulator.close();
        deleteRecursively(stateDir);
    }

    /** The latest registered first: collectors, then the aggregator, then the writer. */
    private synchronized Runnable nextStop() {
        return stops.poll();
    }

    private static void stopQuietly(Pipeline pipeline) {
        if (pipeline != null) {
            pipeline.close();
        }
    }

    private static String suffixes(List<Duration> resolutions) {
        return resolutions.stream().map(Topics::suffix).collect(Collectors.joining(","));
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            LOG.warn("cannot remove the demo's state directory {}: {}", dir, e.toString());
        }
    }
}
