package io.heapstream.alerter.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.heapstream.alerter.AlerterService;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * After a restart the delivery knows what is firing without sending it again: the webhook, which got the
 * firing event before, gets nothing new, and Alertmanager keeps receiving the firing alert's re-sends.
 * (The Alertmanager here is the loopback receiver, which records what an Alertmanager would be posted.)
 */
class DeliveryRestartIT {
    @Test
    void restartedDeliveryResendsFiringAlertsToAlertmanagerButNotTheEventToWebhooks() throws Exception {
        try (var fixture = new AlerterFixture(); var hooks = new WebhookReceiver()) {
            var config = fixture.config(List.of(URI.create(hooks.url("/am").toString())), List.of(hooks.url("/hook")));
            try (var service = new AlerterService(config, new SimpleMeterRegistry())) {
                service.start();
                fixture.memory(0, 950);
                fixture.memory(1, 960);   // fires
                await().atMost(Duration.ofSeconds(90)).until(() -> !hooks.bodies("/hook").isEmpty());
            }
            int posts = hooks.bodies("/am/api/v2/alerts").size();

            try (var service = new AlerterService(config, new SimpleMeterRegistry())) {
                service.start();
                // re-sends (every 2 s) of what the restarted delivery found firing in the topic
                await().atMost(Duration.ofSeconds(60)).until(() -> hooks.bodies("/am/api/v2/alerts").size() > posts + 1);
            }
            var resent = hooks.bodies("/am/api/v2/alerts").get(posts + 1);
            assertThat(resent).hasSize(1);
            assertThat(resent.get(0).get("labels").get("pod").asText()).isEqualTo("web-1");
            assertThat(hooks.bodies("/hook")).hasSize(1);   // the event itself was not delivered again
        }
    }
}
