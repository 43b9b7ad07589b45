package io.heapstream.alerter.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.heapstream.model.alert.AlertEvent;
import io.heapstream.model.alert.AlertEvent.Status;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * SIGKILL the alerter while an alert is pending, and again while it is firing: after each restart on the same
 * state directory the alerts topic (read_committed) holds exactly the events an uninterrupted run writes.
 * A lost pending state would fire a window late (another startsAt); a lost firing state would never resolve;
 * a replayed, uncommitted window would show as a second firing event.
 */
class AlerterKillIT {

    @Test
    void killedWhilePendingAndWhileFiringLosesNothingAndWritesNothingTwice() throws Exception {
        try (var fixture = new AlerterFixture();
             var changelog = fixture.bytes(fixture.prefix + "-app-alert-states-changelog")) {
            var events = new ArrayList<AlertEvent>();

            var first = start(fixture, "first");
            fixture.memory(0, 950);                                   // pending from window 0
            await().atMost(Duration.ofSeconds(90)).until(() -> !changelog.poll(Duration.ofMillis(300)).isEmpty());
            first.destroyForcibly().waitFor(30, TimeUnit.SECONDS);     // killed while pending

            var second = start(fixture, "second");
            fixture.memory(1, 960);                                   // held 2 min: fires at the end of window 1
            await().atMost(Duration.ofSeconds(90)).until(() -> {
                events.addAll(fixture.poll());
                return !events.isEmpty();
            });
            fixture.memory(2, 970);                                   // still firing, maybe mid-transaction...
            second.destroyForcibly().waitFor(30, TimeUnit.SECONDS);    // ...killed while firing

            var third = start(fixture, "third");
            try {
                fixture.memory(3, 500);                               // resolves at the end of window 3
                await().atMost(Duration.ofSeconds(90)).until(() -> {
                    events.addAll(fixture.poll());
                    return events.size() >= 2;
                });
                Thread.sleep(3000);                                   // strays (duplicates) would show by now
                events.addAll(fixture.poll());
            } finally {
                third.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }

            var firedAt = fixture.base.plus(Duration.ofMinutes(2));
            assertThat(events).extracting(AlertEvent::status).containsExactly(Status.FIRING, Status.RESOLVED);
            assertThat(events).extracting(AlertEvent::startsAt).containsExactly(firedAt, firedAt);
            assertThat(events.get(1).endsAt()).isEqualTo(fixture.base.plus(Duration.ofMinutes(4)));
            assertThat(events.get(0).value()).isEqualTo(0.96);
        }
    }

    private static Process start(AlerterFixture fixture, String name) {
        try {
            var log = Path.of("target", fixture.prefix + "-" + name + ".log");
            Files.createDirectories(log.getParent());
            var java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            return new ProcessBuilder(List.of(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                    AlerterChildMain.class.getName(), fixture.bootstrap, fixture.prefix, fixture.dir.toString()))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the alerter child JVM", e);
        }
    }
}
