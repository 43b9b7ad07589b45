package io.heapstream.alerter.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.heapstream.alerter.rules.Rule;
import io.heapstream.alerter.rules.RuleFile;
import io.heapstream.model.alert.AlertEvent;
import io.heapstream.model.alert.AlertEvent.Status;
import io.heapstream.simulator.Fleet;
import io.heapstream.simulator.FleetSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.Test;

/**
 * The rules evaluated inside the aggregator write the events the standalone alerter writes from the same rollups:
 * a simulated fleet with churn (pods replaced, containers restarting) through the aggregator's topology with the
 * tap, and its 1 min rollup topic through the standalone alert topology; the same events, field for field.
 */
class EmbeddedEquivalenceTest {
    /** The default rules, and rules with thresholds inside the fleet's ranges, so that alerts fire and resolve. */
    private static final String BUSY_RULES = """
            rules:
              - alert: PodMemoryHalf
                level: pod
                condition: memory/working_set.max / memory/limit.last > 0.5
                for: 1m
                severity: info
                annotations: {summary: "{{pod}} at {{value_percent}}"}
              - alert: PodCpuOverRequest
                level: pod
                condition: cpu/usage_rate.avg / cpu/request.last > 0.5
                severity: info
              - alert: NodeCpuBusy
                level: node
                condition: cpu/node_utilization.avg > 0
                for: 2m
                severity: info
              - alert: NamespaceCpu
                level: namespace
                condition: cpu/usage_rate.avg > 0
                severity: info
              - alert: ClusterMemory
                level: cluster
                condition: memory/working_set.max > 0
                severity: info
              - alert: ContainerRestartedNow
                level: container
                condition: increase(restart_count) > 0
                severity: info
            """;

    @Test
    void embeddedEvaluationWritesTheEventsTheStandaloneAlerterWritesFromTheSameRollups() throws Exception {
        var rules = new ArrayList<Rule>(RuleFile.defaults());
        rules.addAll(RuleFile.parse(Path.of("busy-rules.yaml"), BUSY_RULES));
        var spec = new FleetSpec(1, 4, 6, 2, 7, Duration.ofSeconds(15), new FleetSpec.Churn(20, 10));
        var fleet = new Fleet(spec, EmbeddedHarness.T0);
        List<AlertEvent> embedded;
        List<AlertEvent> standalone;
        try (var aggregator = new EmbeddedHarness(rules)) {
            for (int slot = 0; slot < 4 * 12; slot++) {   // 12 minutes
                fleet.scrapes(EmbeddedHarness.T0.plusSeconds(15L * slot)).forEach(aggregator::pipe);
            }
            embedded = aggregator.alerts.readValuesToList();
            var rollups = aggregator.rollups.readRecordsToList();
            var settings = new AlertSettings("rollups", "alerts", rules, Duration.ofMinutes(5), Duration.ofSeconds(10));
            try (var alerter = new TopologyTestDriver(AlertTopology.build(settings), props(),
                    EmbeddedHarness.WALL_START)) {
                var in = alerter.createInputTopic("rollups", new ByteArraySerializer(), new ByteArraySerializer());
                rollups.forEach(in::pipeInput);
                standalone = alerter.createOutputTopic("alerts", io.heapstream.model.Topics.STRING.deserializer(),
                        io.heapstream.model.Topics.ALERT_EVENT.deserializer()).readValuesToList();
            }
        }

        // both stages' rules fired, and some resolved: the comparison covers every path a rollup takes
        assertThat(embedded).extracting(e -> e.labels().get("alertname")).contains("PodMemoryHalf",
                "NodeCpuBusy", "NamespaceCpu", "ClusterMemory", "ContainerRestartedNow");
        assertThat(embedded).extracting(AlertEvent::status).contains(Status.FIRING, Status.RESOLVED);
        // the node stage's and the totals stage's events interleave differently than in one rollup topic
        var order = Comparator.comparing(AlertEvent::evaluatedAt).thenComparing(AlertEvent::fingerprint)
                .thenComparing(AlertEvent::status);
        assertThat(embedded.stream().sorted(order).toList()).isEqualTo(standalone.stream().sorted(order).toList());
    }

    private static Properties props() {
        var props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "standalone-alerter-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.STATE_DIR_CONFIG, Path.of("target", "ttd-state-" + System.nanoTime()).toString());
        return props;
    }
}
