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
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;

/**
 * {@link AlerterKillIT} for the embedded mode: SIGKILL the aggregator evaluating the rules while an alert is
 * pending, and again while it is firing; after each restart on the same state directory the alerts topic
 * (read_committed) holds exactly the events an uninterrupted run writes. The alert states are in the
 * aggregator's exactly-once transactions with the raw offsets and window state they come from.
 */
class EmbeddedKillIT {

    @Test
    void aggregatorKilledWhilePendingAndWhileFiringLosesNothingAndWritesNothingTwice() throws Exception {
        try (var fixture = new EmbeddedFixture();
             var changelog = committed(fixture, fixture.prefix + "-aggregator-alert-states-node-changelog")) {
            var events = new ArrayList<AlertEvent>();

            var first = start(fixture, "first");
            fixture.scrapes(0, 4, 950);                               // window 0 closes at 00:01: pending
            await().atMost(Duration.ofSeconds(90)).until(() -> !changelog.poll(Duration.ofMillis(300)).isEmpty());
            first.destroyForcibly().waitFor(30, TimeUnit.SECONDS);     // killed while pending

            var second = start(fixture, "second");
            fixture.scrapes(5, 8, 950);                               // window 1 closes at 00:02: held 2 min, fires
            await().atMost(Duration.ofSeconds(90)).until(() -> {
                events.addAll(fixture.poll());
                return !events.isEmpty();
            });
            fixture.scrapes(9, 11, 950);                              // window 2 under way...
            second.destroyForcibly().waitFor(30, TimeUnit.SECONDS);    // ...killed while firing

            var third = start(fixture, "third");
            try {
                fixture.scrapes(12, 16, 500);                         // window 2 still holds, window 3 resolves
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
            assertThat(events.get(0).value()).isEqualTo(0.95);
        }
    }

    /** A read_committed reader of a topic of the test, from its start. */
    private static KafkaConsumer<byte[], byte[]> committed(EmbeddedFixture fixture, String topic) {
        var consumer = new KafkaConsumer<byte[], byte[]>(java.util.Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, fixture.bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, fixture.prefix + "-peek", ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest", ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(List.of(topic));
        return consumer;
    }

    private static Process start(EmbeddedFixture fixture, String name) {
        try {
            var log = Path.of("target", fixture.prefix + "-" + name + ".log");
            Files.createDirectories(log.getParent());
            var java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            var command = new ArrayList<>(List.of(java, "-Xmx384m", "-cp", System.getProperty("java.class.path"),
                    EmbeddedChildMain.class.getName()));
            command.addAll(fixture.args());
            return new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the aggregator child JVM", e);
        }
    }
}
