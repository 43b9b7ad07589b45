package io.heapstream.app;

import io.heapstream.model.settings.Durations;
import io.heapstream.testkit.sim.Fleet;
import io.heapstream.testkit.sim.FleetSpec;
import io.heapstream.testkit.sim.KubeletSimulator;
import io.heapstream.testkit.sim.RawScrapeProducer;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Wires flags to the fleet simulator of the test kit (docs/simulator.md): serve kubelets, or produce raw records. */
@Command(name = "simulate", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Serve or produce a simulated fleet of kubelets, for demos, tests and benchmarks: the Summary"
                + " API and /pods of every node on one local port (the default), or raw records straight to the"
                + " raw topic, live on the scrape grid or every slot of --from/--to.")
final class SimulateCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Option(names = "--clusters", paramLabel = "N", defaultValue = "1",
            description = "Clusters (default ${DEFAULT-VALUE}).")
    int clusters;

    @Option(names = "--nodes", paramLabel = "N", defaultValue = "3",
            description = "Nodes per cluster (default ${DEFAULT-VALUE}).")
    int nodes;

    @Option(names = "--pods-per-node", paramLabel = "N", defaultValue = "10",
            description = "Pods per node (default ${DEFAULT-VALUE}).")
    int podsPerNode;

    @Option(names = "--containers-per-pod", paramLabel = "N", defaultValue = "1",
            description = "Containers per pod (default ${DEFAULT-VALUE}).")
    int containersPerPod;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "42",
            description = "Same seed, same fleet (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--scrape-interval", paramLabel = "DURATION", defaultValue = "15s",
            converter = DurationConverter.class,
            description = "Grid the fleet evolves on, e.g. 15s, 1m (default ${DEFAULT-VALUE}).")
    Duration scrapeInterval;

    @Option(names = "--pod-churn", paramLabel = "PER_HOUR", defaultValue = "0.1",
            description = "Chance per pod per hour to be replaced by a new pod (default ${DEFAULT-VALUE}).")
    double podChurn;

    @Option(names = "--restarts", paramLabel = "PER_HOUR", defaultValue = "0.05",
            description = "Chance per container per hour to restart (default ${DEFAULT-VALUE}).")
    double restarts;

    @Option(names = "--serve", paramLabel = "PORT",
            description = "Serve the kubelets on 127.0.0.1:PORT (0 = a free port); the default mode.")
    Integer servePort;

    @Option(names = "--tls-keystore", paramLabel = "FILE", defaultValue = "${env:HEAPSTREAM_SIMULATE_TLS_KEYSTORE}",
            description = "Serve HTTPS with this PKCS12 key store; its password from env"
                    + " HEAPSTREAM_SIMULATE_TLS_KEYSTORE_PASSWORD (env HEAPSTREAM_SIMULATE_TLS_KEYSTORE).")
    Path tlsKeystore;

    @Option(names = "--bearer-token-file", paramLabel = "FILE",
            defaultValue = "${env:HEAPSTREAM_SIMULATE_BEARER_TOKEN_FILE}",
            description = "Require this bearer token, as kubelets do (env HEAPSTREAM_SIMULATE_BEARER_TOKEN_FILE).")
    Path bearerTokenFile;

    @Option(names = "--produce", description = "Write raw records to the raw topic instead of serving.")
    boolean produce;

    @Option(names = "--rate", paramLabel = "SCRAPES_PER_S|max", defaultValue = "max",
            description = "Pace of --produce, in scrapes per second (default ${DEFAULT-VALUE}).")
    String rate;

    @Option(names = "--from", paramLabel = "TIME", converter = TimeConverter.class,
            description = "With --produce: write every slot from TIME (ISO-8601, 'now' or e.g. now-2h) and exit.")
    Instant from;

    @Option(names = "--to", paramLabel = "TIME", converter = TimeConverter.class,
            description = "End of --from's range, exclusive (default now).")
    Instant to;

    @Option(names = "--reuse-bytes",
            description = "With --from: generate each node once and re-send its record for later slots with every"
                    + " time moved (counters stand still); many times faster, for load tests.")
    boolean reuseBytes;

    @Option(names = "--compression", paramLabel = "CODEC", defaultValue = "zstd",
            description = "Producer compression: none|gzip|snappy|lz4|zstd (default ${DEFAULT-VALUE}).")
    String compression;

    private final AtomicBoolean failed = new AtomicBoolean();

    @Override
    public Integer call() throws Exception {
        var clock = Clock.systemUTC();
        if (produce && servePort != null) {
            throw new ParameterException(spec.commandLine(), "choose --serve or --produce, not both");
        }
        if (reuseBytes && from == null) {
            throw new ParameterException(spec.commandLine(), "--reuse-bytes needs --produce --from");
        }
        if (!produce && (from != null || to != null)) {
            throw new ParameterException(spec.commandLine(), "--from/--to need --produce");
        }
        var fleetSpec = new FleetSpec(clusters, nodes, podsPerNode, containersPerPod, seed, scrapeInterval,
                new FleetSpec.Churn(podChurn, restarts));
        var start = from != null ? from : clock.instant();
        var fleet = new Fleet(fleetSpec, start);
        var out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "fleet: %d cluster(s) x %d node(s) x %d pod(s) x %d container(s), seed %d,"
                        + " %ss grid, from %s%n", clusters, nodes, podsPerNode, containersPerPod, seed,
                scrapeInterval.toSeconds(), fleet.start());
        if (produce && from != null) {
            return backfill(fleet, clock, out);
        }
        try (var runtime = RoleRuntime.start("simulate", common)) {
            if (produce) {
                produceLive(fleet, clock, runtime, out);
            } else {
                serve(fleet, clock, runtime, out);
            }
            runtime.awaitStop();
        }
        return failed.get() ? 1 : 0;
    }

    private int backfill(Fleet fleet, Clock clock, PrintWriter out) {
        var end = to != null ? to : clock.instant();
        var topic = common.rawTopic().name();
        out.printf(Locale.ROOT, "producing every slot of [%s, %s) to topic %s at %s, rate %s%s%n", fleet.start(),
                end, topic, common.kafkaBootstrap(), rate, reuseBytes ? ", first slot's bytes re-sent shifted" : "");
        out.flush();
        double pace = pace();
        try (var producer = new RawScrapeProducer(common.kafkaBootstrap(), topic, kafkaSettings())) {
            RawScrapeProducer.Result result;
            try {
                result = reuseBytes ? producer.produceRangeShifted(fleet, from, end, pace)
                        : producer.produceRange(fleet, from, end, pace);
            } catch (IllegalStateException e) {
                spec.commandLine().getErr().println("heapstream simulate: " + e.getMessage());
                return 1;
            }
            out.printf(Locale.ROOT, "produced %d scrapes (%.1f MB) in %.1fs: %.0f scrapes/s; failed %d%s%n",
                    result.scrapes(), result.bytes() / 1e6, result.elapsed().toMillis() / 1e3,
                    result.scrapesPerSecond(), result.failed(),
                    result.firstFailure() == null ? "" : " (" + result.firstFailure() + ")");
            return result.failed() == 0 ? 0 : 1;
        }
    }

    private void produceLive(Fleet fleet, Clock clock, RoleRuntime runtime, PrintWriter out) {
        var topic = common.rawTopic().name();
        var producer = new RawScrapeProducer(common.kafkaBootstrap(), topic, kafkaSettings());
        var running = new AtomicBoolean(true);
        double pace = pace();
        var thread = new Thread(() -> {
            try {
                producer.produceLive(fleet, clock, pace, running::get);
            } catch (RuntimeException e) {
                // nothing else to do without the topic: say why and stop the process with a failure
                spec.commandLine().getErr().println("heapstream simulate: " + e.getMessage());
                spec.commandLine().getErr().flush();
                failed.set(true);
                new Thread(runtime::close, "simulate-stop").start();
            }
        }, "simulate-produce");
        runtime.onStop(() -> {
            running.set(false);
            joinQuietly(thread);
            producer.close();
        });
        out.printf(Locale.ROOT, "producing each %ss slot live to topic %s at %s, rate %s; Ctrl-C stops%n",
                scrapeInterval.toSeconds(), topic, common.kafkaBootstrap(), rate);
        out.flush();
        thread.start();
        runtime.readiness(thread::isAlive);
    }

    private void serve(Fleet fleet, Clock clock, RoleRuntime runtime, PrintWriter out) throws Exception {
        var builder = KubeletSimulator.builder(fleet).clock(clock).port(servePort == null ? 0 : servePort);
        if (tlsKeystore != null) {
            var password = System.getenv("HEAPSTREAM_SIMULATE_TLS_KEYSTORE_PASSWORD");
            var chars = password == null ? new char[0] : password.toCharArray();
            var store = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(tlsKeystore)) {
                store.load(in, chars);
            }
            builder.https(store, chars);
        }
        if (bearerTokenFile != null) {
            builder.bearerToken(Files.readString(bearerTokenFile, StandardCharsets.UTF_8).strip());
        }
        var simulator = builder.start();
        runtime.onStop(simulator::close);
        runtime.readiness(() -> true);
        var first = fleet.nodeRefs().get(0);
        out.printf(Locale.ROOT, "serving %d kubelets at %s (index of nodes: %s/)%n", fleet.nodeRefs().size(),
                simulator.baseUrl(), simulator.baseUrl());
        out.printf(Locale.ROOT, "  e.g. %s/stats/summary and %s/pods%n",
                simulator.kubeletUrl(first.cluster(), first.node()),
                simulator.kubeletUrl(first.cluster(), first.node()));
        out.println("Ctrl-C stops");
        out.flush();
    }

    private double pace() {
        if (rate.equalsIgnoreCase("max")) {
            return RawScrapeProducer.MAX_RATE;
        }
        try {
            return Double.parseDouble(rate);
        } catch (NumberFormatException e) {
            throw new ParameterException(spec.commandLine(), "--rate expects scrapes per second or 'max', got '"
                    + rate + "'");
        }
    }

    private Map<String, String> kafkaSettings() {
        var settings = new HashMap<>(common.kafkaProperties());
        settings.putIfAbsent("compression.type", compression.toLowerCase(Locale.ROOT));
        return settings;
    }

    private static void joinQuietly(Thread thread) {
        try {
            thread.join(Duration.ofSeconds(30).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Durations as every setting reads them ({@link Durations}): {@code 15s}, {@code 1m}, {@code PT15S}, ... */
    static final class DurationConverter implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            return Durations.parse(value);
        }
    }

    /** An ISO-8601 instant, {@code now}, or {@code now-<duration>} such as {@code now-2h}. */
    static final class TimeConverter implements ITypeConverter<Instant> {
        @Override
        public Instant convert(String value) {
            var v = value.strip();
            if (v.equalsIgnoreCase("now")) {
                return Instant.now();
            }
            if (v.toLowerCase(Locale.ROOT).startsWith("now-")) {
                return Instant.now().minus(new DurationConverter().convert(v.substring(4)));
            }
            return Instant.parse(v);
        }
    }
}
