package io.heapstream.app.heapster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.heapstream.aggregator.AggregatorService;
import io.heapstream.app.e2e.RunTopics;
import io.heapstream.app.e2e.SteppedAggregator;
import io.heapstream.app.e2e.SteppedCollectors;
import io.heapstream.collector.CollectorMetrics;
import io.heapstream.collector.metadata.MockApiMetadata;
import io.heapstream.collector.metadata.PodMetadata;
import io.heapstream.simulator.ManualClock;
import io.heapstream.testkit.TestServices;
import io.heapstream.writer.WriterConfig;
import io.heapstream.writer.WriterService;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The heapster schema measured against Heapster itself. The eight captures Heapster was run on are served as
 * live kubelets with the same API objects ({@link PeerFleet}); real collectors ({@code --metadata api} on
 * fabric8's mock API server, cluster {@code peer}) publish to a real broker, the aggregator makes 1 min
 * windows, the writer ({@code --schema heapster}) writes them into a real InfluxDB. Then every series is read
 * back and compared with fixtures/heapster-reference/values.tsv, and every panel of Heapster's own dashboards
 * is run against the same database. Accepted differences are listed, with the reason, in
 * src/test/resources/heapster/ (rendered into docs/influxdb-schema.md); anything else fails, and so does a
 * listed difference that went away.
 *
 * <p>Time is the test's ({@link ManualClock}), one 15 s scrape slot after another, as in EndToEndIT.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HeapsterReferenceIT {
    private static final Instant T0 = Instant.parse("2026-03-02T00:00:00Z");
    private static final Duration SCRAPE = Duration.ofSeconds(15);
    private static final Duration WINDOW = Duration.ofMinutes(1);
    private static final Duration GRACE = Duration.ofSeconds(15);
    private static final Instant END = T0.plus(WINDOW.multipliedBy(4));
    private static final String TIME_RANGE = "time >= " + T0.toEpochMilli() + "ms AND time < " + END.toEpochMilli()
            + "ms";

    private InfluxSeries influx;

    @BeforeAll
    void runThePipelineOnTheCaptures() throws Exception {
        // One raw partition: a partition without nodes would hold the namespace and cluster windows back.
        var run = RunTopics.create("heapster-ref", 1, 1, List.of(WINDOW));
        var writerSettings = run.writerSettings(TestServices.influxUrl(), List.of(WINDOW));
        writerSettings.put("HEAPSTREAM_SCHEMA", "heapster");
        influx = new InfluxSeries(TestServices.influxUrl(), run.name());

        var clock = new ManualClock(T0);
        var metadata = new ArrayList<PodMetadata>();
        try (var fleet = new PeerFleet(clock);
             var writer = new WriterService(WriterConfig.fromMap(writerSettings), new SimpleMeterRegistry());
             var aggregator = new AggregatorService(SteppedAggregator.config(run.bootstrap(), run.name(), run.raw(),
                     run.rollupPrefix(), WINDOW, GRACE, List.of(), 1,
                     Files.createTempDirectory("heapster-ref-state-").toString()), new SimpleMeterRegistry())) {
            var targets = new ArrayList<SteppedCollectors.Target>();
            fleet.summaryUrls().forEach((peer, url) -> {
                var source = MockApiMetadata.of(fleet.apiClient(), peer.name(),
                        new CollectorMetrics(new SimpleMeterRegistry()));
                source.start();
                metadata.add(source);
                targets.add(new SteppedCollectors.Target(Peer.CLUSTER, peer.name(), url, source));
            });
            await().atMost(Duration.ofSeconds(60)).until(() -> metadata.stream().allMatch(PodMetadata::synced));
            writer.start();
            aggregator.start();
            await().atMost(Duration.ofSeconds(90)).until(() -> aggregator.isReady() && writer.isReady());
            try (var collectors = new SteppedCollectors(targets, SCRAPE, run.bootstrap(), run.raw(), clock)) {
                for (var slot = T0; !slot.isAfter(END.plus(GRACE)); slot = slot.plus(SCRAPE)) {
                    clock.set(slot);
                    collectors.scrape(slot);
                }
            }
            awaitAllWindowsWritten();
        } finally {
            metadata.forEach(PodMetadata::close);
        }
    }

    /** The four windows close together; the writer is done when the number of points stops growing. */
    private void awaitAllWindowsWritten() {
        var last = new AtomicLong(-1);
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(2)).until(() -> {
            long points = influx.rows("SELECT count(\"value\") FROM /.*/ WHERE " + TIME_RANGE).stream()
                    .mapToLong(s -> s.path("values").path(0).path(1).asLong()).sum();
            return points > 0 && points == last.getAndSet(points);
        });
    }

    @Test
    void everySeriesHeapsterWroteIsWrittenWithItsTypeAndValueExceptTheListedDifferences() throws Exception {
        var ours = influx.read(TIME_RANGE);
        var differences = Difference.between(SeriesSummary.reference(), ours);
        var known = KnownDifferences.load();
        known.writeIfAsked(differences);
        var problems = known.problems(differences);
        assertThat(problems).as(() -> "series: Heapster " + SeriesSummary.reference().size() + ", ours "
                + ours.size() + "\n" + Difference.countsPerMeasurement(differences)
                + "\nthe list as this run found it (-Dheapstream.known-differences.write=true writes it):\n"
                + known.asFound(differences)).isEmpty();
    }

    @Test
    void everyPanelOfHeapstersDashboardsReturnsDataExceptTheListedGaps() throws Exception {
        var empty = new ArrayList<String>();
        var report = new StringBuilder();
        for (var dashboard : HeapsterDashboards.all()) {
            var values = new LinkedHashMap<String, String>(Map.of(
                    "timeFilter", "time >= " + T0.toEpochMilli() + "ms and time <= " + END.toEpochMilli() + "ms",
                    "interval", "1m"));
            for (var variable : dashboard.variables()) {
                var offered = tagValues(HeapsterDashboards.interpolate(variable.query(), values));
                assertThat(offered).as(dashboard.file() + " $" + variable.name() + " offers nothing").isNotEmpty();
                values.put(variable.name(), offered.get(0));
            }
            for (var target : dashboard.targets()) {
                var query = HeapsterDashboards.interpolate(target.query(), values);
                boolean data = influx.rows(query).stream().anyMatch(s -> {
                    for (var row : s.path("values")) {
                        for (int i = 1; i < row.size(); i++) {
                            if (!row.get(i).isNull()) {
                                return true;
                            }
                        }
                    }
                    return false;
                });
                if (!data) {
                    empty.add(target.id());
                    report.append("\n  ").append(target.id().replace("\t", " / ")).append(": ").append(query);
                }
            }
        }
        var gaps = DashboardGaps.load();
        gaps.writeIfAsked(empty);
        assertThat(gaps.problems(empty)).as(() -> "panels without data:" + report).isEmpty();
    }

    private List<String> tagValues(String showTagValues) {
        var values = new ArrayList<String>();
        influx.rows(showTagValues).forEach(s -> s.path("values").forEach(row -> values.add(row.get(1).asText())));
        return values;
    }
}
