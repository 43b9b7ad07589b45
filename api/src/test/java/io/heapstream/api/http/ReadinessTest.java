package io.heapstream.api.http;

import static io.heapstream.api.metrics.Scrapes.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.heapstream.api.metrics.LatestScrapes;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** The HTTPS port's probes: {@code /readyz} says 503 until the state is rebuilt, {@code /healthz} is always up. */
class ReadinessTest {
    private static final Clock CLOCK = Clock.fixed(at("00:00:20"), ZoneOffset.UTC);

    @Test
    void readyzTurnsReadyOnlyOnceTheStateIsRebuilt() throws Exception {
        var rebuilt = new AtomicBoolean();
        var state = new LatestScrapes(null, Duration.ofSeconds(15), Duration.ofMinutes(2), CLOCK);
        try (var aggregated = new AggregatedServer(state, Authorizer.FRONT_PROXY, CLOCK, rebuilt::get)) {
            var tls = TlsContexts.server(List.of(AggregatedServer.PROXY.certificate()), AggregatedServer.PROXY.key(),
                    List.of(AggregatedServer.SERVING.certificate()));
            var client = HttpClient.newBuilder().sslContext(tls).build();
            var base = "https://127.0.0.1:" + aggregated.server.port();

            assertThat(status(client, base + "/readyz")).isEqualTo(503);
            assertThat(status(client, base + "/healthz")).isEqualTo(200);
            rebuilt.set(true);
            assertThat(status(client, base + "/readyz")).isEqualTo(200);
        }
    }

    private static int status(HttpClient client, String url) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }
}
