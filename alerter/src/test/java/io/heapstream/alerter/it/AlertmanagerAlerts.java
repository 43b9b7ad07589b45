package io.heapstream.alerter.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.heapstream.local.AlertmanagerServer;
import io.heapstream.model.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** What a real Alertmanager lists (its API v2), and the alert {@link AlerterFixture#RULES} raises for the pod. */
final class AlertmanagerAlerts {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private AlertmanagerAlerts() { }

    /** Active (unresolved) alerts Alertmanager lists. */
    static List<JsonNode> active(AlertmanagerServer alertmanager) throws Exception {
        var response = HTTP.send(HttpRequest.newBuilder(URI.create(alertmanager.url() + "/api/v2/alerts?active=true"))
                .build(), HttpResponse.BodyHandlers.ofByteArray());
        var list = new ArrayList<JsonNode>();
        Json.mapper().readTree(response.body()).forEach(list::add);
        return list;
    }

    /** A listed alert: PodMemoryNearLimit with the rule's and the pod's labels, its summary at that percentage. */
    static void assertPodMemoryNearLimit(JsonNode listed, String percent) {
        assertThat(Json.mapper().convertValue(listed.get("labels"), Map.class)).isEqualTo(Map.of(
                "alertname", "PodMemoryNearLimit", "severity", "warning", "team", "web", "cluster", "c1",
                "namespace", "shop", "workload", "Deployment/web", "pod", "web-1", "node", "n1"));
        assertThat(listed.get("annotations").get("summary").asText())
                .isEqualTo("shop/web-1 uses " + percent + " of its memory limit");
    }
}
