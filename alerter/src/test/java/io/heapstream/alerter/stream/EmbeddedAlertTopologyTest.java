package io.heapstream.alerter.stream;

import static io.heapstream.alerter.stream.EmbeddedHarness.T0;
import static io.heapstream.alerter.stream.EmbeddedHarness.webPod;
import static org.assertj.core.api.Assertions.assertThat;

import io.heapstream.alerter.engine.Fingerprint;
import io.heapstream.alerter.rules.RuleFile;
import io.heapstream.model.alert.AlertEvent;
import io.heapstream.model.alert.AlertEvent.Status;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The default rules evaluated inside the aggregator's topology ({@link EmbeddedAlertTap}), fed raw scrapes: the
 * windows close in the node stage and the rules see them there, with no rollup topic in between.
 */
class EmbeddedAlertTopologyTest {
    private static final Map<String, String> LABELS = Map.of("alertname", "PodMemoryNearLimit", "severity", "warning",
            "cluster", "c1", "namespace", "shop", "workload", "Deployment/web", "pod", "web-1", "node", "n1");
    private static final String DESCRIPTION = "Near the limit the kernel reclaims cache and then OOM-kills the pod's"
            + " containers.";

    private static Instant minute(double m) {
        return T0.plusSeconds((long) (m * 60));
    }

    private static AlertEvent event(Status status, double value, String percent, Instant startsAt, Instant endsAt,
                                    Instant at) {
        return new AlertEvent(1, Fingerprint.of(LABELS), status, LABELS, Map.of("summary", "Pod shop/web-1 (c1) has a"
                + " working set at " + percent + " of its memory limit", "description", DESCRIPTION), value, startsAt,
                endsAt, at);
    }

    @Test
    void podPastNinetyPercentOfItsMemoryLimitFiresAfterFiveMinutesAndResolvesWhenItShrinks() throws Exception {
        try (var h = new EmbeddedHarness(RuleFile.defaults())) {
            for (int slot = 0; slot < 4 * 12; slot++) {   // 12 minutes of 15 s scrapes
                var at = T0.plus(Duration.ofSeconds(15L * slot));
                // 950 of 1,000 bytes in windows 00:00-00:07 (holds from the first), then 500 (no longer)
                h.pipe(webPod(at, at.isBefore(minute(7)) ? 950 : 500));
            }
            // the 00:04-00:05 window ends the fifth minute held (for: 5m): fires at 00:05; the 00:07-00:08 window
            // does not hold (keep_firing_for 0): resolves at 00:08 with that window's value
            assertThat(h.alerts.readValuesToList()).containsExactly(
                    event(Status.FIRING, 0.95, "95.0%", minute(5), null, minute(5)),
                    event(Status.RESOLVED, 0.5, "50.0%", minute(5), minute(8), minute(8)));
        }
    }

    @Test
    void nodeThatStopsReportingFiresItsAbsenceRuleOnTheWallClock() throws Exception {
        try (var h = new EmbeddedHarness(RuleFile.defaults())) {
            for (int slot = 0; slot < 4 * 3; slot++) {
                var at = T0.plus(Duration.ofSeconds(15L * slot));
                h.pipe(webPod(at, 100));
            }
            h.alerts.readValuesToList();
            // the node stage closes the open window after its idle timeout (1.5 min of wall clock): that last
            // rollup is the node's and the cluster's last sign; 5 min after it (absent_for) both fire
            for (int s = 0; s < 6 * 7; s++) {   // seven minutes of wall clock, in check-interval steps
                h.driver.advanceWallClockTime(Duration.ofSeconds(10));
            }
            var firing = h.alerts.readValuesToList().stream().filter(e -> e.status() == Status.FIRING)
                    .map(e -> e.labels().get("alertname") + " " + e.labels().get("node")).toList();
            // the node stage's rollups carry the node, the totals stage's the cluster: each stage's processor
            // watches its own series
            assertThat(firing).containsExactlyInAnyOrder("NodeNotReporting n1", "ClusterNotReporting null");
        }
    }
}
