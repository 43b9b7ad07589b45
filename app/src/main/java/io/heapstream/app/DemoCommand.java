package io.heapstream.app;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import io.heapstream.app.SimulateCommand.DurationConverter;
import io.heapstream.app.demo.Demo;
import io.heapstream.app.demo.DemoSettings;
import io.heapstream.app.demo.StopSignal;
import io.heapstream.simulator.FleetSpec;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Wires flags → {@link DemoSettings} → {@link Demo} (docs/demo.md). Needs nothing running: it starts it all. */
@Command(name = "demo", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run the whole pipeline on this machine: an embedded Kafka broker, a simulated fleet served"
                + " as kubelets, one collector per node, the aggregator and the writer into InfluxDB"
                + " (HEAPSTREAM_INFLUX_URL, else an influxd started here, else none: rollups stay on the topics).",
                "Prints progress, and a summary when it stops (--for, or Ctrl-C). Exit code 0 when every level"
                        + " got points into InfluxDB (without InfluxDB: rollups onto the topics)."})
final class DemoCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--for", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Stop by itself after this long, e.g. 2m (default: run until Ctrl-C).")
    Duration runFor;

    @Option(names = "--clusters", paramLabel = "N", defaultValue = "2", description = "Clusters (default ${DEFAULT-VALUE}).")
    int clusters;

    @Option(names = "--nodes", paramLabel = "N", defaultValue = "3",
            description = "Nodes per cluster, one collector each (default ${DEFAULT-VALUE}).")
    int nodes;

    @Option(names = "--pods-per-node", paramLabel = "N", defaultValue = "10",
            description = "Pods per node (default ${DEFAULT-VALUE}).")
    int podsPerNode;

    @Option(names = "--containers-per-pod", paramLabel = "N", defaultValue = "2",
            description = "Containers per pod (default ${DEFAULT-VALUE}).")
    int containersPerPod;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "42", description = "Same seed, same fleet (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--pod-churn", paramLabel = "PER_HOUR", defaultValue = "0.1",
            description = "Chance per pod per hour to be replaced by a new pod (default ${DEFAULT-VALUE}).")
    double podChurn;

    @Option(names = "--restarts", paramLabel = "PER_HOUR", defaultValue = "0.05",
            description = "Chance per container per hour to restart (default ${DEFAULT-VALUE}).")
    double restarts;

    @Option(names = "--scrape-interval", paramLabel = "DURATION", defaultValue = "5s", converter = DurationConverter.class,
            description = "Collectors' scrape grid (default ${DEFAULT-VALUE}; production: 15s).")
    Duration scrapeInterval;

    @Option(names = "--window", paramLabel = "DURATION", defaultValue = "15s", converter = DurationConverter.class,
            description = "Aggregator's base window (default ${DEFAULT-VALUE}; production: 1m).")
    Duration window;

    @Option(names = "--grace", paramLabel = "DURATION", defaultValue = "5s", converter = DurationConverter.class,
            description = "How long after a window's end late scrapes count (default ${DEFAULT-VALUE}; production: 30s).")
    Duration grace;

    @Option(names = "--resolutions", paramLabel = "LIST", defaultValue = "1m", split = ",",
            converter = DurationConverter.class,
            description = "Coarser resolutions built from the base windows (default ${DEFAULT-VALUE}).")
    List<Duration> resolutions;

    @Option(names = "--raw-partitions", paramLabel = "N", defaultValue = "3",
            description = "Partitions of the raw topic (default ${DEFAULT-VALUE}).")
    int rawPartitions;

    @Option(names = "--progress-every", paramLabel = "DURATION", defaultValue = "10s",
            converter = DurationConverter.class, description = "Progress line interval (default ${DEFAULT-VALUE}).")
    Duration progressEvery;

    @Option(names = "--influx-url", paramLabel = "URL", defaultValue = "${env:HEAPSTREAM_INFLUX_URL}",
            description = "InfluxDB 1.x to write to (env HEAPSTREAM_INFLUX_URL; default: start influxd here if"
                    + " there is one). User and password: HEAPSTREAM_INFLUX_USER, HEAPSTREAM_INFLUX_PASSWORD.")
    String influxUrl;

    @Option(names = "--influx-db", paramLabel = "NAME", defaultValue = "heapstream",
            description = "Database (default ${DEFAULT-VALUE}).")
    String influxDb;

    @Option(names = "--no-influx", description = "Leave InfluxDB out: rollups go to the topics only.")
    boolean noInflux;

    @Override
    public Integer call() throws InterruptedException {
        DemoSettings settings;
        try {
            var fleet = new FleetSpec(clusters, nodes, podsPerNode, containersPerPod, seed, scrapeInterval,
                    new FleetSpec.Churn(podChurn, restarts));
            settings = new DemoSettings(fleet, window, grace, resolutions, rawPartitions, runFor, progressEvery,
                    influxUrl, influxDb, noInflux);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        quietLogs();
        return new Demo(settings, spec.commandLine().getOut(), StopSignal.install()).run();
    }

    /**
     * The demo speaks on stdout; the stages' INFO lines, and the Kafka clients' start-up advice about settings a
     * demo does not need, would drown it. HEAPSTREAM_LOG_LEVEL still wins.
     */
    private static void quietLogs() {
        if (System.getenv("HEAPSTREAM_LOG_LEVEL") != null) {
            return;
        }
        if (LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME) instanceof Logger root) {
            root.setLevel(Level.WARN);
        }
        if (LoggerFactory.getLogger("org.apache.kafka") instanceof Logger kafka) {
            kafka.setLevel(Level.ERROR);
        }
    }
}
