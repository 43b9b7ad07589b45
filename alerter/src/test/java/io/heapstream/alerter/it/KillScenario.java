package io.heapstream.alerter.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.heapstream.model.alert.AlertEvent;
import io.heapstream.model.alert.AlertEvent.Status;
import io.heapstream.testkit.ChildJvm;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.KafkaConsumer;

/**
 * What {@link AlerterKillIT} and {@link EmbeddedKillIT} do to the role that evaluates the rules (the alerter, or the
 * aggregator with {@code --alert-rules}): SIGKILL it while an alert is pending, and again while it is firing; after
 * each restart on the same state directory the alerts topic (read_committed) must hold exactly the events an
 * uninterrupted run writes. A lost pending state would fire a window late (another startsAt); a lost firing state
 * would never resolve; a replayed, uncommitted window would show as a second firing event.
 */
final class KillScenario {
    private KillScenario() { }

    /**
     * The role, run in child JVMs on one state directory, and the data that drive {@link AlerterFixture#RULES}.
     *
     * @param start       a child JVM of the role, by name (its log is {@code target/<prefix>-<name>.log})
     * @param alertStates a read_committed reader of the changelog of the alert states: a pending state shows there
     * @param pending     window 0 over 90 %: pending
     * @param firing      window 1 over 90 %: held 2 min, fires at its end
     * @param stillFiring window 2 over 90 %, under way when the role is killed (maybe mid-transaction)
     * @param resolving   window 3 under 90 %: resolves at its end
     * @param poll        events committed to the alerts topic since the last call
     */
    record Role(Function<String, ChildJvm> start, Supplier<KafkaConsumer<byte[], byte[]>> alertStates, Step pending,
                Step firing, Step stillFiring, Step resolving, Supplier<List<AlertEvent>> poll) { }

    /** Data sent to the role's input topic. */
    @FunctionalInterface
    interface Step {
        void send() throws Exception;
    }

    /** Kills the role while pending and while firing, then checks one firing at window 1's end worth {@code value}. */
    static void killWhilePendingAndWhileFiring(Role role, Instant base, double value) throws Exception {
        var events = new ArrayList<AlertEvent>();
        try (var changelog = role.alertStates().get(); var first = role.start().apply("first")) {
            role.pending().send();
            await().atMost(Duration.ofSeconds(90)).until(() -> !changelog.poll(Duration.ofMillis(300)).isEmpty());
            first.kill();                                             // killed while pending
        }

        try (var second = role.start().apply("second")) {
            role.firing().send();
            await().atMost(Duration.ofSeconds(90)).until(() -> {
                events.addAll(role.poll().get());
                return !events.isEmpty();
            });
            role.stillFiring().send();
            second.kill();                                            // killed while firing
        }

        try (var third = role.start().apply("third")) {
            role.resolving().send();
            await().atMost(Duration.ofSeconds(90)).until(() -> {
                events.addAll(role.poll().get());
                return events.size() >= 2;
            });
            Thread.sleep(3000);                                       // strays (duplicates) would show by now
            events.addAll(role.poll().get());
        }

        var firedAt = base.plus(Duration.ofMinutes(2));
        assertThat(events).extracting(AlertEvent::status).containsExactly(Status.FIRING, Status.RESOLVED);
        assertThat(events).extracting(AlertEvent::startsAt).containsExactly(firedAt, firedAt);
        assertThat(events.get(1).endsAt()).isEqualTo(base.plus(Duration.ofMinutes(4)));
        assertThat(events.get(0).value()).isEqualTo(value);
    }
}
