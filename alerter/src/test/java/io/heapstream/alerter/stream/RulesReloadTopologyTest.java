package io.heapstream.alerter.stream;

import static io.heapstream.alerter.stream.AlertHarness.gauge;
import static io.heapstream.alerter.stream.AlertHarness.minute;
import static org.assertj.core.api.Assertions.assertThat;

import io.heapstream.alerter.engine.AlertState.Phase;
import io.heapstream.model.alert.AlertEvent;
import io.heapstream.model.alert.AlertEvent.Status;
import io.heapstream.model.rollup.RollupKey;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Rules replaced while the topology runs (what a reload does): states of kept rules go on, removed ones end. */
class RulesReloadTopologyTest {
    private static final String MEMORY = """
              - alert: PodMemoryNearLimit
                level: pod
                condition: memory/working_set.max / memory/limit.last > %s
                for: 2m
                severity: warning
            """;
    private static final String CPU = """
              - alert: PodCpuFarAboveRequest
                level: pod
                condition: cpu/usage_rate.avg / cpu/request.last > 1.5
                severity: info
            """;
    private static final RollupKey WEB = RollupKey.pod("c1", "shop", "web-1", "n1", "Deployment/web");

    private static RuleIndex rules(String... yaml) {
        return new RuleIndex(AlertHarness.rules("rules:\n" + String.join("", yaml)));
    }

    private static void window(AlertHarness h, int n, double workingSet, double cpu) {
        h.window(WEB, n, gauge("memory/working_set", workingSet), gauge("memory/limit", 1000),
                gauge("cpu/usage_rate", cpu), gauge("cpu/request", 1));
    }

    @Test
    void aPendingAlertOfAChangedRuleKeepsItsStartAndFiresOnTime() {
        var live = new AtomicReference<>(rules(MEMORY.formatted("0.9")));
        try (var h = new AlertHarness(live::get)) {
            window(h, 0, 950, 1);   // pending since 00:00
            live.set(rules(MEMORY.formatted("0.8"), CPU));   // threshold lowered, a rule added
            window(h, 1, 850, 1);   // holds under the new threshold: 2 min since 00:00, fires

            var events = h.events();
            assertThat(events).extracting(AlertEvent::status).containsExactly(Status.FIRING);
            assertThat(events.get(0).startsAt()).isEqualTo(minute(2));
            assertThat(events.get(0).labels()).containsEntry("alertname", "PodMemoryNearLimit");
        }
    }

    @Test
    void aFiringAlertOfAKeptRuleIsNotSentAgain() {
        var live = new AtomicReference<>(rules(MEMORY.formatted("0.9")));
        try (var h = new AlertHarness(live::get)) {
            window(h, 0, 950, 1);
            window(h, 1, 950, 1);   // fires
            assertThat(h.events()).hasSize(1);
            live.set(rules(CPU, MEMORY.formatted("0.9")));   // same rule, another order, one more rule
            window(h, 2, 950, 1);
            h.advanceWallClock(Duration.ofSeconds(20));

            assertThat(h.events()).isEmpty();
            assertThat(h.states()).extracting(s -> s.phase()).containsExactly(Phase.FIRING);
        }
    }

    @Test
    void aFiringAlertOfARemovedRuleResolvesAtTheNextCheck() {
        var live = new AtomicReference<>(rules(MEMORY.formatted("0.9")));
        try (var h = new AlertHarness(live::get)) {
            window(h, 0, 950, 1);
            window(h, 1, 950, 1);   // fires
            h.events();
            live.set(rules(CPU));
            h.advanceWallClock(Duration.ofSeconds(10));

            var events = h.events();
            assertThat(events).extracting(AlertEvent::status).containsExactly(Status.RESOLVED);
            assertThat(events.get(0).labels()).containsEntry("alertname", "PodMemoryNearLimit");
            assertThat(h.states()).isEmpty();
        }
    }

    @Test
    void aRuleAddedByAReloadIsEvaluatedFromTheNextRollup() {
        var live = new AtomicReference<>(rules(MEMORY.formatted("0.9")));
        try (var h = new AlertHarness(live::get)) {
            window(h, 0, 100, 3);   // cpu 3x its request: no rule looks at it yet
            assertThat(h.events()).isEmpty();
            live.set(rules(MEMORY.formatted("0.9"), CPU));
            window(h, 1, 100, 3);

            assertThat(h.events()).extracting(e -> e.labels().get("alertname"))
                    .containsExactly("PodCpuFarAboveRequest");
        }
    }

    @Test
    void aFiringAlertWhoseSeverityChangedResolvesAtTheNextCheckAndTheNewOneStartsOver() {
        var live = new AtomicReference<>(rules(MEMORY.formatted("0.9")));
        try (var h = new AlertHarness(live::get)) {
            window(h, 0, 950, 1);
            window(h, 1, 950, 1);   // fires as a warning
            h.events();
            live.set(rules(MEMORY.formatted("0.9").replace("warning", "critical")));
            h.advanceWallClock(Duration.ofSeconds(10));

            var events = h.events();
            assertThat(events).extracting(AlertEvent::status).containsExactly(Status.RESOLVED);
            assertThat(events.get(0).labels()).containsEntry("severity", "warning");
            window(h, 2, 950, 1);   // the critical one: pending
            assertThat(h.states()).extracting(s -> s.phase()).containsExactly(Phase.PENDING);
        }
    }

    @Test
    void aDeadmanRuleWhoseLabelsChangedDoesNotTakeItsOldWatchForAnAbsence() {
        var absent = """
                  - alert: NodeNotReporting
                    level: node
                    absent_for: 5m
                    severity: critical
                """;
        var live = new AtomicReference<>(rules(absent));
        try (var h = new AlertHarness(live::get)) {
            var node = RollupKey.node("c1", "n1");
            h.window(node, 0, gauge("cpu/usage_rate", 1));
            live.set(rules(absent + "    labels: {team: infra}\n"));
            for (int n = 1; n <= 10; n++) {   // the node goes on reporting, under the new labels
                h.advanceWallClock(Duration.ofMinutes(1));
                h.window(node, n, gauge("cpu/usage_rate", 1));
            }

            assertThat(h.events()).isEmpty();
            assertThat(h.states()).extracting(s -> s.labels().get("team")).containsExactly("infra");
        }
    }

    @Test
    void aRollupReadForTheOldRulesIsReadAgainForTheNewOnes() {
        var before = rules(MEMORY.formatted("0.9"));
        var after = rules(MEMORY.formatted("0.9"), CPU);
        // the reload lands between reading the record and processing it: the reader still sees the old rules
        // (which read no cpu metric), the processor the new ones
        java.util.function.Supplier<RuleIndex> live = () -> StackWalker.getInstance().walk(frames -> frames
                .anyMatch(f -> f.getClassName().startsWith(SelectedRollup.class.getName()))) ? before : after;
        try (var h = new AlertHarness(live)) {
            window(h, 0, 100, 3);

            assertThat(h.events()).extracting(e -> e.labels().get("alertname"))
                    .containsExactly("PodCpuFarAboveRequest");
        }
    }
}
