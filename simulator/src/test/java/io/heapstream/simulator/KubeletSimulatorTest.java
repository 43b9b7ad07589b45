package io.heapstream.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.heapstream.model.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class KubeletSimulatorTest {
    static final Instant START = Instant.parse("2025-11-04T19:15:00Z");

    final ManualClock clock = new ManualClock(START.plusSeconds(3));
    final Fleet fleet = new Fleet(FleetSpec.of(2, 3, 6, 1), START);
    final HttpClient http = HttpClient.newHttpClient();
    KubeletSimulator simulator;

    @AfterEach
    void stop() {
        if (simulator != null) {
            simulator.close();
        }
    }

    @Test
    void servesTheSummaryAndPodsOfEveryNodeOfTheFleet() throws Exception {
        simulator = KubeletSimulator.start(fleet, clock);
        assertThat(simulator.baseUrl()).matches("http://127\\.0\\.0\\.1:\\d+");
        for (var ref : fleet.nodeRefs()) {
            var url = simulator.kubeletUrl(ref.cluster(), ref.node());
            var summary = json(get(url + "/stats/summary", null));
            assertThat(summary.get("node").get("nodeName").asText()).isEqualTo(ref.node());
            assertThat(summary.get("pods")).hasSize(6);
            assertThat(json(get(url + "/pods", null)).get("items")).hasSize(6);
            assertThat(simulator.summaryRequests(ref.cluster(), ref.node())).isEqualTo(1);
        }
        assertThat(json(get(simulator.baseUrl() + "/", null)).get("nodes")).hasSize(6);
    }

    @Test
    void countersAdvanceWhenTheClockReachesTheNextSlot() throws Exception {
        simulator = KubeletSimulator.start(fleet, clock);
        var url = simulator.kubeletUrl("cluster-2", "node-0003") + "/stats/summary";
        var first = json(get(url, null)).get("node").get("cpu");
        clock.advance(Duration.ofSeconds(10)); // still in the same slot
        assertThat(json(get(url, null)).get("node").get("cpu")).isEqualTo(first);
        clock.advance(Duration.ofSeconds(5));
        var second = json(get(url, null)).get("node").get("cpu");
        assertThat(second.get("usageCoreNanoSeconds").asLong())
                .isGreaterThan(first.get("usageCoreNanoSeconds").asLong());
        assertThat(second.get("time").asText()).isNotEqualTo(first.get("time").asText());
        assertThat(fleet.slot("cluster-2", "node-0003")).isEqualTo(START.plusSeconds(15));
    }

    @Test
    void unknownNodesAndPathsAreNotFound() throws Exception {
        simulator = KubeletSimulator.start(fleet, clock);
        assertThat(get(simulator.baseUrl() + "/cluster-1/node-0099/stats/summary", null).statusCode()).isEqualTo(404);
        assertThat(get(simulator.kubeletUrl("cluster-1", "node-0001") + "/metrics/cadvisor", null).statusCode())
                .isEqualTo(404);
    }

    @Test
    void aRequiredBearerTokenIsEnforced() throws Exception {
        var token = UUID.randomUUID().toString();
        simulator = KubeletSimulator.builder(fleet).clock(clock).bearerToken(token).start();
        var url = simulator.kubeletUrl("cluster-1", "node-0001") + "/stats/summary";
        assertThat(get(url, null).statusCode()).isEqualTo(401);
        assertThat(get(url, "not-" + token).statusCode()).isEqualTo(401);
        assertThat(get(url, token).statusCode()).isEqualTo(200);
    }

    @Test
    void aNodeCanAnswerWithAnErrorStatusUntilItsFaultIsCleared() throws Exception {
        simulator = KubeletSimulator.start(fleet, clock);
        simulator.fault("cluster-1", "node-0002", Fault.status(500));
        var url = simulator.kubeletUrl("cluster-1", "node-0002") + "/stats/summary";
        assertThat(get(url, null).statusCode()).isEqualTo(500);
        assertThat(get(simulator.kubeletUrl("cluster-1", "node-0001") + "/stats/summary", null).statusCode())
                .isEqualTo(200);
        simulator.clearFault("cluster-1", "node-0002");
        assertThat(get(url, null).statusCode()).isEqualTo(200);
    }

    @Test
    void aTruncatedAnswerIsHalfADocument() throws Exception {
        simulator = KubeletSimulator.start(fleet, clock);
        simulator.fault("cluster-1", "node-0001", Fault.truncate());
        var response = get(simulator.kubeletUrl("cluster-1", "node-0001") + "/stats/summary", null);
        assertThat(response.statusCode()).isEqualTo(200);
        var full = fleet.summaryJson("cluster-1", "node-0001", clock.instant());
        assertThat(response.body()).hasSize(full.length() / 2);
        assertThat(full).startsWith(response.body());
        assertThatThrownBy(() -> Json.mapper().readTree(response.body())).isInstanceOf(IOException.class);
    }

    @Test
    void aSlowNodeOutlastsTheClientsTimeout() throws Exception {
        simulator = KubeletSimulator.start(fleet, clock);
        simulator.fault("cluster-1", "node-0003", Fault.delay(Duration.ofSeconds(5)));
        var request = HttpRequest.newBuilder(URI.create(simulator.kubeletUrl("cluster-1", "node-0003")
                + "/stats/summary")).timeout(Duration.ofMillis(200)).build();
        assertThatThrownBy(() -> http.send(request, HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(HttpTimeoutException.class);
    }

    private HttpResponse<String> get(String url, String token) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) throws IOException {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        return Json.mapper().readTree(response.body());
    }
}
