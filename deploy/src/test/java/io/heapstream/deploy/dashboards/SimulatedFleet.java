package io.heapstream.deploy.dashboards;

import io.heapstream.aggregator.RollupSettings;
import io.heapstream.aggregator.RollupTopology;
import io.heapstream.model.Topics;
import io.heapstream.model.raw.PodStats;
import io.heapstream.model.raw.RawScrape;
import io.heapstream.model.rollup.Rollup;
import io.heapstream.simulator.Fleet;
import io.heapstream.simulator.FleetSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TopologyTestDriver;

/**
 * A simulated fleet run through the real aggregator topology (in a TopologyTestDriver: the topology is what is
 * under test here, not the broker) into final rollups of every level and resolution, and the tag values the
 * dashboards' variables should offer, taken from the raw scrapes themselves.
 */
final class SimulatedFleet {
    /** Two clusters of two nodes, four pods of two containers each: every level, workloads of every kind. */
    static final FleetSpec SPEC = FleetSpec.of(2, 2, 4, 2).withChurn(FleetSpec.Churn.none());
    /** Long enough for one closed 1 h window, and the 1 min windows in it. */
    static final Duration SPAN = Duration.ofMinutes(62);

    final Instant start;
    final List<Rollup> rollups;
    final Tags tags = new Tags();

    /** Tag values seen in the raw scrapes, by level and parents. */
    static final class Tags {
        final Set<String> clusters = new TreeSet<>();
        final Map<String, Set<String>> nodes = new TreeMap<>();
        final Map<String, Set<String>> namespaces = new TreeMap<>();
        /** By cluster/namespace. */
        final Map<String, Set<String>> workloads = new TreeMap<>();
        /** By cluster/namespace/workload. */
        final Map<String, Set<String>> pods = new TreeMap<>();
        /** By cluster/namespace/pod. */
        final Map<String, Set<String>> containers = new TreeMap<>();

        void add(RawScrape scrape) {
            String c = scrape.cluster();
            clusters.add(c);
            nodes.computeIfAbsent(c, k -> new TreeSet<>()).add(scrape.node());
            for (PodStats pod : scrape.pods()) {
                String ns = pod.podRef().namespace();
                namespaces.computeIfAbsent(c, k -> new TreeSet<>()).add(ns);
                var meta = pod.meta();
                if (meta != null && meta.workloadKind() != null) {
                    String workload = meta.workloadKind() + "/" + meta.workloadName();
                    workloads.computeIfAbsent(c + "/" + ns, k -> new TreeSet<>()).add(workload);
                    pods.computeIfAbsent(c + "/" + ns + "/" + workload, k -> new TreeSet<>())
                            .add(pod.podRef().name());
                }
                pod.containers().forEach(container -> containers.computeIfAbsent(
                        c + "/" + ns + "/" + pod.podRef().name(), k -> new TreeSet<>()).add(container.name()));
            }
        }
    }

    private SimulatedFleet(Instant start, List<Rollup> rollups) {
        this.start = start;
        this.rollups = rollups;
    }

    /** Runs the fleet from {@code start} for {@link #SPAN}, then lets every window close. */
    static SimulatedFleet run(Instant start) {
        var fleet = new Fleet(SPEC, start);
        var settings = RollupSettings.defaults();
        var props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "dashboards-it");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, tempDir().toString());
        var rollups = new ArrayList<Rollup>();
        var simulated = new SimulatedFleet(fleet.start(), rollups);
        try (var driver = new TopologyTestDriver(RollupTopology.build(settings), props, fleet.start())) {
            var raw = driver.createInputTopic(settings.rawTopic(), new StringSerializer(),
                    Topics.RAW_SCRAPE.serializer());
            var outputs = settings.resolutions().stream().map(resolution -> driver.createOutputTopic(
                    settings.rollupTopic(resolution), Topics.ROLLUP_KEY.deserializer(), Topics.ROLLUP.deserializer()))
                    .toList();
            Instant end = fleet.start().plus(SPAN);
            for (Instant slot = fleet.start(); slot.isBefore(end); slot = slot.plus(SPEC.scrapeInterval())) {
                fleet.forEachScrape(slot, scrape -> {
                    simulated.tags.add(scrape);
                    raw.pipeInput(scrape.key(), scrape, scrape.scrapeTime());
                });
            }
            // The partitions go quiet: every open window closes, the 1 h ones included.
            driver.advanceWallClockTime(Duration.ofDays(1));
            outputs.forEach(topic -> topic.readValuesToList().forEach(rollups::add));
        }
        return simulated;
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("heapstream-dashboards-it");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
