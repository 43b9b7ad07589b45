package io.heapstream.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.heapstream.api.model.History;
import io.heapstream.api.model.ModelApi;
import io.heapstream.api.model.ModelStore;
import io.heapstream.model.rollup.MetricStats;
import io.heapstream.model.rollup.Rollup;
import io.heapstream.model.rollup.RollupKey;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The model API over HTTP: an answer that lacks InfluxDB's part says so in a {@code Warning} header. */
class ModelServerTest {
    private static final Instant NOW = Instant.parse("2026-01-01T00:20:00Z");

    @Test
    void anAnswerWithoutItsInfluxPartCarriesAWarningHeader() throws Exception {
        var clock = Clock.fixed(NOW, ZoneOffset.UTC);
        var store = new ModelStore("c1", Duration.ofMinutes(15), clock);
        var key = RollupKey.node("c1", "n1");
        var start = NOW.minusSeconds(60);
        store.apply(key, new Rollup(1, key, Duration.ofMinutes(1), start, NOW,
                List.of(new MetricStats("cpu/usage_rate", null, 4, 250, 250, 250, 250)), Map.of(), null));
        History down = (entity, metric, from, to) -> {
            throw new History.Unavailable("InfluxDB http://127.0.0.1:1 database heapstream could not be read:"
                    + " \"refused\"", null);
        };
        try (var server = ModelServer.start("127.0.0.1", 0, 1, new ModelApi(store, clock, down))) {
            var response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                    + server.port() + "/api/v1/model/nodes/n1/metrics/cpu/usage_rate?start=2026-01-01T00:00:00Z"))
                    .build(), HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("{\"metrics\":[{\"timestamp\":\"2026-01-01T00:19:00Z\",\"value\":250}],"
                    + "\"latestTimestamp\":\"2026-01-01T00:19:00Z\"}");
            assertThat(response.headers().firstValue("Warning")).hasValue("199 heapstream \"InfluxDB"
                    + " http://127.0.0.1:1 database heapstream could not be read: \\\"refused\\\"; answering with the"
                    + " last 15m from the rollup topic only\"");
        }
    }
}
