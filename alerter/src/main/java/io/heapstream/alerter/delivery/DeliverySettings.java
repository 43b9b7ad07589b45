package io.heapstream.alerter.delivery;

import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * Where and how alert events are delivered.
 *
 * @param alertsTopic     the topic the alerter writes
 * @param groupId         the delivery consumer group (its committed offsets = what was delivered)
 * @param alertmanagers   Alertmanager base URLs ({@code http://am:9093}); {@code /api/v2/alerts} is appended
 * @param webhooks        webhook URLs, sent Alertmanager's version 4 payload
 * @param receiver        the {@code receiver} name in webhook payloads
 * @param resendInterval  how often firing alerts are re-sent to Alertmanager (it resolves alerts not re-sent)
 * @param timeout         per HTTP request
 * @param maxBackoff      longest wait between retries of a failed delivery
 */
public record DeliverySettings(String alertsTopic, String groupId, List<URI> alertmanagers, List<URI> webhooks,
                               String receiver, Duration resendInterval, Duration timeout, Duration maxBackoff) {
    public DeliverySettings {
        alertmanagers = List.copyOf(alertmanagers);
        webhooks = List.copyOf(webhooks);
    }

    public boolean hasTargets() {
        return !alertmanagers.isEmpty() || !webhooks.isEmpty();
    }
}
