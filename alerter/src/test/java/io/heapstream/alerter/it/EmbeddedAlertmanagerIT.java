package io.heapstream.alerter.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.heapstream.alerter.AlerterConfig;
import io.heapstream.alerter.AlerterService;
import io.heapstream.local.AlertmanagerServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The embedded mode end to end on the real broker and a real Alertmanager: the aggregator with
 * {@code --alert-rules} (the rules evaluated where its windows close) fed raw scrapes, the alerter with
 * {@code --evaluate=false} delivering. A pod grows past 90 % of its memory limit: Alertmanager lists the alert with
 * the right labels; it shrinks: the alert is resolved.
 */
class EmbeddedAlertmanagerIT {
    @Test
    void aggregatorEvaluatesDeliveryOnlyAlerterDeliversAndTheAlertResolves() throws Exception {
        var registry = new SimpleMeterRegistry();
        try (var fixture = new EmbeddedFixture();
             var alertmanager = AlertmanagerServer.launch("""
                     route:
                       receiver: none
                     receivers:
                       - name: none
                     """);
             var alerter = fixture.alerter(registry);
             var aggregator = fixture.aggregator(alerter, registry);
             var delivery = new AlerterService(deliveryOnly(fixture, alertmanager.url()), List.of(), registry)) {
            alerter.start();
            aggregator.start();
            delivery.start();
            assertThat(delivery.isAlive()).isTrue();

            // minutes 0-2 at 950 of 1,000 bytes (for: 2m: fires at the end of minute 1), then 500 from 00:03
            fixture.scrapes(0, 11, 950);
            fixture.scrapes(12, 12, 500);
            await().atMost(Duration.ofSeconds(90)).until(() -> !AlertmanagerAlerts.active(alertmanager).isEmpty());
            var listed = AlertmanagerAlerts.active(alertmanager).get(0);
            AlertmanagerAlerts.assertPodMemoryNearLimit(listed, "95.0%");
            assertThat(Instant.parse(listed.get("startsAt").asText()))
                    .isEqualTo(fixture.base.plus(Duration.ofMinutes(2)));

            fixture.scrapes(13, 16, 500);   // the 00:03 window closes (at 00:04) without the condition: resolved
            await().atMost(Duration.ofSeconds(60)).until(() -> AlertmanagerAlerts.active(alertmanager).isEmpty());
        }
    }

    /** {@code heapstream alerter --evaluate=false --alertmanager-url URL} on the fixture's alerts topic. */
    private static AlerterConfig deliveryOnly(EmbeddedFixture fixture, String url) {
        return new AlerterConfig(fixture.bootstrap, Map.of(), fixture.prefix + "-alerter", "unused",
                fixture.alertsTopic, fixture.prefix + ".dlq", null, fixture.dir.resolve("alerter-state").toString(),
                Duration.ofMinutes(5), Duration.ofSeconds(1), Duration.ofMillis(200), List.of(URI.create(url)),
                List.of(), Duration.ofSeconds(2), Duration.ofSeconds(1), null, false);
    }

}
