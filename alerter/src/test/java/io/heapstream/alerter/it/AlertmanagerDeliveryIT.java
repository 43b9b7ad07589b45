package io.heapstream.alerter.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.heapstream.alerter.AlerterService;
import io.heapstream.model.alert.AlertEvent;
import io.heapstream.model.alert.AlertEvent.Status;
import io.heapstream.local.AlertmanagerServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * A pod grows past 90 % of its memory limit and shrinks again: a real Alertmanager lists the alert with the
 * right labels and then drops it, and a webhook receiver gets the same version-4 payload Alertmanager itself
 * sends (Alertmanager notifies the same receiver, so the two shapes are compared on the spot).
 */
class AlertmanagerDeliveryIT {
    @Test
    void podNearItsMemoryLimitReachesAlertmanagerAndWebhookAndResolves() throws Exception {
        try (var fixture = new AlerterFixture(); var hooks = new WebhookReceiver();
             var alertmanager = AlertmanagerServer.launch("""
                     route:
                       receiver: hook
                       group_by: [alertname]
                       group_wait: 1s
                       group_interval: 1s
                       repeat_interval: 1h
                     receivers:
                       - name: hook
                         webhook_configs:
                           - url: %s
                             send_resolved: true
                     """.formatted(hooks.url("/from-alertmanager")))) {
            var registry = new SimpleMeterRegistry();
            var events = new ArrayList<AlertEvent>();
            try (var service = new AlerterService(fixture.config(List.of(URI.create(alertmanager.url())),
                    List.of(hooks.url("/from-alerter"))), registry)) {
                service.start();
                fixture.memory(0, 950);   // pending
                fixture.memory(1, 960);   // held 2 min: fires

                await().atMost(Duration.ofSeconds(90)).until(() -> !AlertmanagerAlerts.active(alertmanager).isEmpty());
                var listed = AlertmanagerAlerts.active(alertmanager).get(0);
                AlertmanagerAlerts.assertPodMemoryNearLimit(listed, "96.0%");
                assertThat(listed.get("status").get("state").asText()).isEqualTo("active");

                await().atMost(Duration.ofSeconds(30)).until(() -> !hooks.bodies("/from-alerter").isEmpty()
                        && !hooks.bodies("/from-alertmanager").isEmpty());
                var ours = hooks.bodies("/from-alerter").get(0);
                var theirs = hooks.bodies("/from-alertmanager").get(0);
                assertThat(ours.get("version").asText()).isEqualTo("4");
                assertThat(ours.get("status").asText()).isEqualTo("firing");
                assertThat(fields(ours)).isEqualTo(fields(theirs));
                assertThat(fields(ours.get("alerts").get(0))).isEqualTo(fields(theirs.get("alerts").get(0)));
                assertThat(ours.get("alerts").get(0).get("labels")).isEqualTo(theirs.get("alerts").get(0).get("labels"));
                assertThat(ours.get("alerts").get(0).get("fingerprint").asText()).matches("[0-9a-f]{16}");

                fixture.memory(2, 500);   // shrinks: resolves
                await().atMost(Duration.ofSeconds(60)).until(() -> AlertmanagerAlerts.active(alertmanager).isEmpty());
                await().atMost(Duration.ofSeconds(30)).until(() -> hooks.bodies("/from-alerter").stream()
                        .anyMatch(b -> b.get("status").asText().equals("resolved")));

                await().atMost(Duration.ofSeconds(30)).until(() -> {
                    events.addAll(fixture.poll());
                    return events.size() >= 2;
                });
                Thread.sleep(1000);
                events.addAll(fixture.poll());
            }
            assertThat(events).extracting(AlertEvent::status).containsExactly(Status.FIRING, Status.RESOLVED);
            assertThat(registry.get("heapstream.alerter.deliveries").tag("target", "alertmanager")
                    .tag("outcome", "sent").counter().count()).isGreaterThanOrEqualTo(2);
        }
    }


    private static Set<String> fields(JsonNode node) {
        var names = new TreeSet<String>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
