package io.heapstream.alerter.it;

import io.heapstream.alerter.it.KillScenario.Role;
import io.heapstream.testkit.ChildJvm;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link KillScenario} for the alerter: SIGKILL it while an alert is pending, and again while it is firing. */
class AlerterKillIT {

    @Test
    void killedWhilePendingAndWhileFiringLosesNothingAndWritesNothingTwice() throws Exception {
        try (var fixture = new AlerterFixture()) {
            var alerter = new Role(
                    name -> ChildJvm.start(AlerterChildMain.class, List.of(fixture.bootstrap, fixture.prefix,
                            fixture.dir.toString()), Map.of(), "256m", fixture.prefix + "-" + name),
                    () -> fixture.bytes(fixture.prefix + "-app-alert-states-changelog"),
                    () -> fixture.memory(0, 950),                     // pending from window 0
                    () -> fixture.memory(1, 960),                     // held 2 min: fires at the end of window 1
                    () -> fixture.memory(2, 970),                     // still firing, maybe mid-transaction...
                    () -> fixture.memory(3, 500),                     // resolves at the end of window 3
                    fixture::poll);
            KillScenario.killWhilePendingAndWhileFiring(alerter, fixture.base, 0.96);
        }
    }
}
