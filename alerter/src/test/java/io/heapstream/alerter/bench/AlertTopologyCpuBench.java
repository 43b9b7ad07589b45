package io.heapstream.alerter.bench;

import io.heapstream.alerter.rules.RuleFile;
import io.heapstream.alerter.stream.AlertSettings;
import io.heapstream.alerter.stream.AlertTopology;
import io.heapstream.model.MetricCatalogue;
import io.heapstream.model.Topics;
import io.heapstream.model.rollup.MetricStats;
import io.heapstream.model.rollup.Rollup;
import io.heapstream.model.rollup.RollupKey;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TopologyTestDriver;

/**
 * CPU per rollup of the alert topology with the default rules, without a broker, on one thread: a fleet's
 * rollups of several 1 min windows (node, pod, container, namespace, cluster, fleet levels, with as many metrics
 * as the aggregator writes), as JSON bytes, through a TopologyTestDriver (RocksDB stores, exactly once). Also
 * the JSON read alone, the part any consumer of the rollup topic pays. Not a test: run with
 * {@code AlertTopologyCpuBench [nodes=500] [pods=30] [windows=6]}; docs/benchmarks-alerter.md has the figures.
 */
public final class AlertTopologyCpuBench {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Random RANDOM = new Random(7);

    private AlertTopologyCpuBench() { }

    public static void main(String[] args) throws Exception {
        int nodes = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        int pods = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        int windows = args.length > 2 ? Integer.parseInt(args[2]) : 6;
        var threads = ManagementFactory.getThreadMXBean();
        var serializer = Topics.ROLLUP.serializer();
        var keys = Topics.ROLLUP_KEY.serializer();
        var settings = new AlertSettings("rollups", "alerts", RuleFile.defaults(), Duration.ofMinutes(5),
                Duration.ofSeconds(10));
        var props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "alerter-bench");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9");
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        try (var driver = new TopologyTestDriver(AlertTopology.build(settings), props, T0)) {
            var input = driver.createInputTopic("rollups", new ByteArraySerializer(), new ByteArraySerializer());
            var alerts = driver.createOutputTopic("alerts", Topics.STRING.deserializer(),
                    Topics.ALERT_EVENT.deserializer());
            for (int w = 0; w < windows; w++) {
                var records = new ArrayList<byte[][]>();
                for (var rollup : fleetWindow(nodes, pods, w)) {
                    records.add(new byte[][] {keys.serialize("rollups", rollup.key()),
                            serializer.serialize("rollups", rollup)});
                }
                long bytes = records.stream().mapToLong(r -> r[1].length).sum();
                long readStart = threads.getCurrentThreadCpuTime();
                for (var r : records) {
                    Topics.ROLLUP.deserializer().deserialize("rollups", r[1]);
                }
                long readNs = threads.getCurrentThreadCpuTime() - readStart;
                long start = threads.getCurrentThreadCpuTime();
                for (var r : records) {
                    input.pipeInput(r[0], r[1], T0.plus(Duration.ofMinutes(w + 1)));
                }
                driver.advanceWallClockTime(Duration.ofSeconds(10));   // one check of absences and gone series
                long ns = threads.getCurrentThreadCpuTime() - start;
                int events = alerts.readValuesToList().size();
                System.out.printf(Locale.ROOT, "window %d: %,d rollups (%.0f bytes avg), topology %.1f us CPU per "
                                + "rollup (JSON read alone %.1f us), %.2f s CPU for the window, %d events%n", w,
                        records.size(), (double) bytes / records.size(), ns / 1e3 / records.size(),
                        readNs / 1e3 / records.size(), ns / 1e9, events);
            }
        }
    }

    /** One window of a fleet: per node 1 node, {@code pods} pods and containers; 20 namespaces; cluster; fleet. */
    static List<Rollup> fleetWindow(int nodes, int pods, int w) {
        var out = new ArrayList<Rollup>();
        var start = T0.plus(Duration.ofMinutes(w));
        for (int n = 0; n < nodes; n++) {
            var node = "node-" + n;
            out.add(rollup(RollupKey.node("c1", node), start, nodeMetrics()));
            for (int p = 0; p < pods; p++) {
                var ns = "ns-" + (p % 20);
                var pod = "pod-" + n + "-" + p;
                var workload = "Deployment/app-" + p;
                out.add(rollup(RollupKey.pod("c1", ns, pod, node, workload), start, podMetrics()));
                out.add(rollup(RollupKey.container("c1", ns, pod, "app", node, workload), start, containerMetrics(w)));
            }
        }
        for (int ns = 0; ns < 20; ns++) {
            out.add(rollup(RollupKey.namespace("c1", "ns-" + ns), start, containerMetrics(w)));
        }
        out.add(rollup(RollupKey.cluster("c1"), start, nodeMetrics()));
        out.add(rollup(RollupKey.fleet(), start, nodeMetrics()));
        return out;
    }

    private static Rollup rollup(RollupKey key, Instant start, List<MetricStats> metrics) {
        return new Rollup(Rollup.SCHEMA_VERSION, key, Duration.ofMinutes(1), start, start.plusSeconds(60), metrics,
                Map.of(), null);
    }

    /** Every gauge and rate of the catalogue that is not per resource, plus two file systems: as a node has. */
    private static List<MetricStats> nodeMetrics() {
        var out = new ArrayList<MetricStats>();
        for (var m : MetricCatalogue.all()) {
            if (!m.perResource()) {
                out.add(stats(m.name(), null, m.name().endsWith("utilization") ? RANDOM.nextDouble() : 1e9));
            }
        }
        for (var fs : List.of("nodefs", "imagefs")) {
            out.add(stats("filesystem/usage", fs, 4e10));
            out.add(stats("filesystem/limit", fs, 1e11));
            out.add(stats("filesystem/available", fs, 6e10 * RANDOM.nextDouble()));
            out.add(stats("filesystem/inodes", fs, 6e6));
            out.add(stats("filesystem/inodes_free", fs, 5e6));
        }
        return out;
    }

    private static List<MetricStats> podMetrics() {
        var out = new ArrayList<MetricStats>();
        for (var name : List.of("cpu/usage", "cpu/usage_rate", "cpu/request", "cpu/limit", "memory/usage",
                "memory/working_set", "memory/rss", "memory/cache", "memory/request", "memory/limit",
                "memory/page_faults_rate", "network/rx_rate", "network/tx_rate", "network/rx_errors_rate",
                "network/tx_errors_rate", "ephemeral_storage/usage", "uptime")) {
            out.add(stats(name, null, name.equals("memory/working_set") ? 1e8 * RANDOM.nextDouble() * 1.2
                    : name.equals("memory/limit") ? 1e8 : 1e6 * (1 + RANDOM.nextDouble())));
        }
        out.add(stats("filesystem/available", "data", 1e9));
        out.add(stats("filesystem/limit", "data", 2e9));
        out.add(stats("filesystem/inodes", "data", 1e5));
        out.add(stats("filesystem/inodes_free", "data", 9e4));
        return out;
    }

    private static List<MetricStats> containerMetrics(int w) {
        var out = new ArrayList<MetricStats>();
        for (var name : List.of("cpu/usage", "cpu/usage_rate", "cpu/request", "cpu/limit", "memory/usage",
                "memory/working_set", "memory/rss", "memory/cache", "memory/request", "memory/limit",
                "memory/page_faults_rate", "memory/major_page_faults_rate", "uptime")) {
            out.add(stats(name, null, 1e6 * (1 + RANDOM.nextDouble())));
        }
        out.add(stats("restart_count", null, RANDOM.nextInt(1000) == 0 ? w : 0));
        return out;
    }

    private static MetricStats stats(String name, String resource, double v) {
        return new MetricStats(name, resource, 4, v, v * 0.9, v * 1.1, v);
    }
}
