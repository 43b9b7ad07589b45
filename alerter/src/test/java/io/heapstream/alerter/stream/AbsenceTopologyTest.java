package io.heapstream.alerter.stream;

import static io.heapstream.alerter.stream.AlertHarness.T0;
import static io.heapstream.alerter.stream.AlertHarness.gauge;
import static org.assertj.core.api.Assertions.assertThat;

import io.heapstream.alerter.engine.Fingerprint;
import io.heapstream.model.alert.AlertEvent;
import io.heapstream.model.alert.AlertEvent.Status;
import io.heapstream.model.rollup.RollupKey;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The deadman: a series that reported and then went silent, measured on the wall clock. */
class AbsenceTopologyTest {
    private static final String RULES = """
            rules:
              - alert: NodeNotReporting
                level: node
                absent_for: 5m
                severity: critical
                annotations: {summary: "node {{node}} of {{cluster}} silent for {{value}} s"}
            """;
    private static final RollupKey NODE = RollupKey.node("c1", "n1");
    private static final Map<String, String> LABELS = Map.of("alertname", "NodeNotReporting", "severity", "critical",
            "cluster", "c1", "node", "n1");
    private static final String FP = Fingerprint.of(LABELS);

    @Test
    void silentSeriesFiresAfterAbsentForAndResolvesWhenItReportsAgain() {
        try (var h = new AlertHarness(RULES)) {
            h.window(NODE, 0, gauge("cpu/usage_rate", 100));      // processed at wall clock T0
            h.advanceWallClock(Duration.ofMinutes(4).plusSeconds(50));
            assertThat(h.events()).isEmpty();                       // 4 min 50 s silent

            h.advanceWallClock(Duration.ofSeconds(10));            // 5 min: fires
            var fired = T0.plus(Duration.ofMinutes(5));
            assertThat(h.events()).containsExactly(new AlertEvent(1, FP, Status.FIRING, LABELS,
                    Map.of("summary", "node n1 of c1 silent for 300 s"), 300.0, fired, null, fired));

            h.advanceWallClock(Duration.ofMinutes(1));
            assertThat(h.events()).isEmpty();                       // fired once, not per check

            h.window(NODE, 6, gauge("cpu/usage_rate", 100));      // back at wall clock T0 + 6 min
            var back = T0.plus(Duration.ofMinutes(6));
            assertThat(h.events()).containsExactly(new AlertEvent(1, FP, Status.RESOLVED, LABELS,
                    Map.of("summary", "node n1 of c1 silent for 300 s"), null, fired, back, back));
        }
    }

    @Test
    void seriesThatNeverReportedIsNotAbsent() {
        try (var h = new AlertHarness(RULES)) {
            h.window(RollupKey.cluster("c1"), 0, gauge("cpu/usage_rate", 100));   // a cluster, not a node
            h.advanceWallClock(Duration.ofMinutes(10));

            assertThat(h.events()).isEmpty();
        }
    }
}
