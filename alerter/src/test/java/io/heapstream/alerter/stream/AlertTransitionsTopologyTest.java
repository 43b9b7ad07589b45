package io.heapstream.alerter.stream;

import static io.heapstream.alerter.stream.AlertHarness.gauge;
import static io.heapstream.alerter.stream.AlertHarness.minute;
import static org.assertj.core.api.Assertions.assertThat;

import io.heapstream.alerter.engine.Fingerprint;
import io.heapstream.model.alert.AlertEvent;
import io.heapstream.model.alert.AlertEvent.Status;
import io.heapstream.model.rollup.RollupKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every transition of a condition rule, through the real topology, with the exact events it writes. */
class AlertTransitionsTopologyTest {
    private static final String RULES = """
            rules:
              - alert: PodMemoryNearLimit
                level: pod
                match: {namespace: shop}
                condition: memory/working_set.max / memory/limit.last > 0.9
                for: 2m
                keep_firing_for: %s
                severity: warning
                labels: {team: web}
                annotations:
                  summary: "{{namespace}}/{{pod}} uses {{value_percent}} of its memory limit"
            """;
    private static final RollupKey WEB = RollupKey.pod("c1", "shop", "web-1", "n1", "Deployment/web");
    private static final RollupKey OTHER = RollupKey.pod("c1", "shop", "web-2", "n1", "Deployment/web");
    private static final Map<String, String> LABELS = Map.of("alertname", "PodMemoryNearLimit", "severity", "warning",
            "cluster", "c1", "namespace", "shop", "workload", "Deployment/web", "pod", "web-1", "node", "n1",
            "team", "web");
    private static final String FP = Fingerprint.of(LABELS);

    private static AlertHarness harness(String keepFiringFor) {
        return new AlertHarness(RULES.formatted(keepFiringFor));
    }

    private static void memory(AlertHarness h, RollupKey key, int window, double workingSet) {
        h.window(key, window, gauge("memory/working_set", workingSet), gauge("memory/limit", 1000));
    }

    private static AlertEvent firing(double value, Instant startsAt) {
        return new AlertEvent(1, FP, Status.FIRING, LABELS, Map.of("summary", "shop/web-1 uses "
                + String.format(java.util.Locale.ROOT, "%.1f%%", value * 100) + " of its memory limit"),
                value, startsAt, null, startsAt);
    }

    private static AlertEvent resolved(Double value, String percent, Instant startsAt, Instant endsAt) {
        return new AlertEvent(1, FP, Status.RESOLVED, LABELS, Map.of("summary", "shop/web-1 uses " + percent
                + " of its memory limit"), value, startsAt, endsAt, endsAt);
    }

    @Test
    void pendingThatNeverFiresWritesNoEvent() {
        try (var h = harness("0s")) {
            memory(h, WEB, 0, 950);   // holds: pending since 00:00, held 1 min of the 2 min
            memory(h, WEB, 1, 500);   // stops holding: back to inactive, nobody is told

            assertThat(h.events()).isEmpty();
            assertThat(h.states()).isEmpty();
        }
    }

    @Test
    void conditionHeldForItsDurationFiresOnce() {
        try (var h = harness("0s")) {
            memory(h, WEB, 0, 950);   // pending
            memory(h, WEB, 1, 960);   // held [00:00, 00:02) = 2 min: fires at 00:02
            memory(h, WEB, 2, 970);   // still firing: no second event

            assertThat(h.events()).containsExactly(firing(0.96, minute(2)));
        }
    }

    @Test
    void firingAlertResolvesInTheFirstWindowWithoutTheCondition() {
        try (var h = harness("0s")) {
            memory(h, WEB, 0, 950);
            memory(h, WEB, 1, 960);   // fires
            memory(h, WEB, 2, 500);   // resolves at the end of this window

            assertThat(h.events()).containsExactly(firing(0.96, minute(2)),
                    resolved(0.5, "50.0%", minute(2), minute(3)));
            assertThat(h.states()).isEmpty();
        }
    }

    @Test
    void keepFiringForHoldsTheAlertUntilItHasPassed() {
        try (var h = harness("2m")) {
            memory(h, WEB, 0, 950);
            memory(h, WEB, 1, 960);   // fires; condition last held at 00:02
            memory(h, WEB, 2, 500);   // 1 min since it held: keeps firing
            memory(h, WEB, 3, 500);   // 2 min: keeps firing
            assertThat(h.events()).containsExactly(firing(0.96, minute(2)));

            memory(h, WEB, 4, 500);   // 3 min > keep_firing_for: resolves
            assertThat(h.events()).containsExactly(resolved(0.5, "50.0%", minute(2), minute(5)));
        }
    }

    @Test
    void conditionReturningWithinKeepFiringForDoesNotFireAgain() {
        try (var h = harness("2m")) {
            memory(h, WEB, 0, 950);
            memory(h, WEB, 1, 960);   // fires
            memory(h, WEB, 2, 500);   // kept firing
            memory(h, WEB, 3, 990);   // holds again: the same alert, no new event

            assertThat(h.events()).containsExactly(firing(0.96, minute(2)));
        }
    }

    @Test
    void seriesThatDisappearsWhileFiringResolvesOnceItsPartitionHasMovedOn() {
        try (var h = harness("0s")) {
            memory(h, WEB, 0, 950);
            memory(h, WEB, 1, 960);   // fires; web-1's last window ends 00:02
            for (int w = 0; w < 6; w++) {
                memory(h, OTHER, w, 100);   // the partition goes on to 00:06 without web-1
            }
            h.advanceWallClock(Duration.ofSeconds(10));   // the check: 00:06 - 00:02 < 5 min stale_after

            assertThat(h.events()).containsExactly(firing(0.96, minute(2)));
            memory(h, OTHER, 6, 100);                     // 00:07: 5 min without web-1
            h.advanceWallClock(Duration.ofSeconds(10));

            assertThat(h.events()).containsExactly(new AlertEvent(1, FP, Status.RESOLVED, LABELS,
                    Map.of("summary", "shop/web-1 uses 96.0% of its memory limit"), null, minute(2), minute(7),
                    minute(7)));
        }
    }

    @Test
    void pendingSeriesThatDisappearsIsForgottenWithoutAnEvent() {
        try (var h = harness("0s")) {
            memory(h, WEB, 0, 950);   // pending
            for (int w = 0; w < 7; w++) {
                memory(h, OTHER, w, 100);
            }
            h.advanceWallClock(Duration.ofSeconds(10));

            assertThat(h.events()).isEmpty();
            assertThat(h.states()).isEmpty();
        }
    }

    @Test
    void seriesOutsideTheSelectorIsNotEvaluated() {
        try (var h = harness("0s")) {
            var elsewhere = RollupKey.pod("c1", "kube-system", "dns", "n1", null);
            for (int w = 0; w < 3; w++) {
                h.window(elsewhere, w, gauge("memory/working_set", 999), gauge("memory/limit", 1000));
            }
            assertThat(h.events()).isEmpty();
        }
    }

    @Test
    void windowWithoutTheLimitNeitherFiresNorKeepsPending() {
        try (var h = harness("0s")) {
            memory(h, WEB, 0, 950);                                  // pending
            h.window(WEB, 1, gauge("memory/working_set", 990));      // no limit: NaN, not holding
            memory(h, WEB, 2, 950);                                  // pending again from 00:02

            assertThat(h.events()).isEmpty();
            assertThat(h.states()).hasSize(1);
        }
    }
}
