package io.heapstream.app.demo;

import io.heapstream.local.KafkaBroker;
import io.heapstream.model.Topics;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * {@code heapstream demo}: an embedded broker, InfluxDB when one can be had, the simulated fleet and the whole
 * pipeline in this JVM; a progress line every few seconds, and at the end a summary and a verdict. Everything it
 * started is stopped before {@link #run} returns, child processes included.
 */
public final class Demo {
    private final DemoSettings settings;
    private final PrintWriter out;
    private final StopSignal stop;
    private final Tally tally = new Tally();

    public Demo(DemoSettings settings, PrintWriter out, StopSignal stop) {
        this.settings = settings;
        this.out = out;
        this.stop = stop;
    }

    /** Runs until {@code --for} elapses or a stop is requested; returns the exit code. */
    public int run() throws InterruptedException {
        var fleet = settings.fleet();
        say("heapstream demo: %d cluster(s) x %d node(s) x %d pod(s) x %d container(s), scrape every %s,"
                        + " window %s, grace %s, resolutions %s", fleet.clusters(), fleet.nodesPerCluster(),
                fleet.podsPerNode(), fleet.containersPerPod(), Topics.suffix(settings.scrapeInterval()),
                Topics.suffix(settings.window()), Topics.suffix(settings.grace()), resolutions());
        say("starting an embedded Kafka broker (KRaft, one node, data in a temporary directory) ...");
        KafkaBroker started;
        try {
            started = KafkaBroker.launch();
        } catch (RuntimeException e) {
            say("FAILED: cannot start the embedded Kafka broker: %s", e.getMessage());
            return 1;
        }
        try (var broker = started) {
            DemoTopics.create(broker.bootstrap(), settings);
            var influx = InfluxChoice.resolve(settings);
            try (var pipeline = Pipeline.start(settings, broker.bootstrap(), influx, tally)) {
                where(broker.bootstrap(), influx, pipeline);
                var elapsed = watch(influx.present());
                say("stopping: collectors, aggregator, writer, then InfluxDB and the broker ...");
                pipeline.close();
                influx.stop();
                broker.close();
                var counts = tally.counts();
                out.print(Report.summary(elapsed, fleet.nodeCount(), counts, influx.present()));
                var verdict = Report.verdict(counts, influx.present());
                say("%s: %s", verdict.ok() ? "ok" : "FAILED", verdict.reason());
                if (!influx.present()) {
                    say("rollups went to the topics only; %s", InfluxChoice.howToAdd());
                }
                return verdict.exitCode();
            } finally {
                influx.stop();
            }
        }
    }

    private Duration watch(boolean influx) throws InterruptedException {
        var started = Instant.now();
        var deadline = settings.runFor() == null ? null : started.plus(settings.runFor());
        while (true) {
            var wait = settings.progressEvery();
            if (deadline != null) {
                var left = Duration.between(Instant.now(), deadline);
                if (left.isNegative() || left.isZero()) {
                    break;
                }
                wait = left.compareTo(wait) < 0 ? left : wait;
            }
            if (stop.await(wait)) {
                break;
            }
            say("%s", Report.progress(Duration.between(started, Instant.now()), tally.counts(), influx));
        }
        return Duration.between(started, Instant.now());
    }

    private void where(String bootstrap, InfluxChoice influx, Pipeline pipeline) {
        var fleet = settings.fleet();
        say("running:");
        say("  kafka        %s", bootstrap);
        say("  topics       %s (%d partitions), %s, %s, %s", Topics.DEFAULT_RAW, settings.rawPartitions(),
                settings.resolutions().stream().map(r -> Topics.DEFAULT_ROLLUP_PREFIX + Topics.suffix(r))
                        .collect(Collectors.joining(", ")), Topics.DEFAULT_LATE, Topics.DEFAULT_DEAD_LETTER);
        say("  kubelets     %s/ (%d simulated nodes; e.g. %s)", pipeline.kubeletsUrl(), fleet.nodeCount(),
                pipeline.exampleSummaryUrl());
        say("  collectors   %d, one per node, pod metadata from each kubelet's /pods, every %s", fleet.nodeCount(),
                Topics.suffix(settings.scrapeInterval()));
        say("  aggregator   Kafka Streams, window %s + grace %s, resolutions %s", Topics.suffix(settings.window()),
                Topics.suffix(settings.grace()), resolutions());
        if (influx.present()) {
            var rp = "rp_" + Topics.suffix(settings.window());
            say("  influxdb     %s (%s)", influx.url(), influx.origin());
            say("  writer       database %s, retention policies %s", settings.influxDb(), settings.resolutions()
                    .stream().map(r -> "rp_" + Topics.suffix(r)).collect(Collectors.joining(", ")));
            say("  grafana      add an InfluxDB datasource (InfluxQL): URL %s, database %s;"
                    + " dashboards in deploy/grafana/dashboards/", influx.url(), settings.influxDb());
            say("  query        curl -G %s/query --data-urlencode db=%s --data-urlencode"
                    + " \"q=SELECT * FROM %s.namespace ORDER BY time DESC LIMIT 5\"", influx.url(),
                    settings.influxDb(), rp);
        } else {
            say("  influxdb     none (%s): rollups go to the topics only", influx.origin());
            say("               %s", InfluxChoice.howToAdd());
        }
        var curls = pipeline.apiCurls();
        say("  api          Heapster's model API and metrics.k8s.io (kubectl top), %s:", pipeline.apiSources());
        say("               %s", curls.get(0));
        say("               %s", curls.get(1));
        say(settings.runFor() == null ? "Ctrl-C stops everything" : "stops by itself after %s (Ctrl-C stops sooner)",
                settings.runFor() == null ? "" : settings.runFor().toString().substring(2).toLowerCase(Locale.ROOT));
    }

    private String resolutions() {
        return settings.resolutions().stream().map(Topics::suffix).collect(Collectors.joining(","));
    }

    private void say(String format, Object... args) {
        out.println(String.format(Locale.ROOT, format, args));
        out.flush();
    }
}
