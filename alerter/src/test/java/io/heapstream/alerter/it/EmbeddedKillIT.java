package io.heapstream.alerter.it;

import io.heapstream.alerter.it.KillScenario.Role;
import io.heapstream.testkit.ChildJvm;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link KillScenario} for the embedded mode: SIGKILL the aggregator evaluating the rules while an alert is pending,
 * and again while it is firing. The alert states are in the aggregator's exactly-once transactions with the raw
 * offsets and window state they come from.
 */
class EmbeddedKillIT {

    @Test
    void aggregatorKilledWhilePendingAndWhileFiringLosesNothingAndWritesNothingTwice() throws Exception {
        try (var fixture = new EmbeddedFixture()) {
            var aggregator = new Role(
                    name -> ChildJvm.start(EmbeddedChildMain.class, fixture.args(), Map.of(), "384m",
                            fixture.prefix + "-" + name),
                    () -> AlertsReader.bytes(fixture.bootstrap, fixture.prefix
                            + "-aggregator-alert-states-node-changelog", fixture.prefix + "-peek"),
                    () -> fixture.scrapes(0, 4, 950),                 // window 0 closes at 00:01: pending
                    () -> fixture.scrapes(5, 8, 950),                 // window 1 closes at 00:02: held 2 min, fires
                    () -> fixture.scrapes(9, 11, 950),                // window 2 under way...
                    () -> fixture.scrapes(12, 16, 500),               // window 2 still holds, window 3 resolves
                    fixture::poll);
            KillScenario.killWhilePendingAndWhileFiring(aggregator, fixture.base, 0.95);
        }
    }
}
