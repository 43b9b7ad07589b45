package io.heapstream.api.http;

import static io.heapstream.api.metrics.Scrapes.at;
import static io.heapstream.api.metrics.Scrapes.scrape;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.heapstream.api.metrics.LatestScrapes;
import io.heapstream.model.Json;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real {@code kubectl get --raw} (where kubectl is installed) through a stand-in for the API server's
 * aggregator: a loopback proxy that forwards kubectl's request over TLS with the front-proxy client certificate
 * and {@code X-Remote-User}, as kube-apiserver does for an APIService.
 */
class KubectlRawTest {
    private static final Clock CLOCK = Clock.fixed(at("00:00:20"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    private AggregatedServer aggregated;
    private HttpServer frontProxy;

    @BeforeEach
    void serveBehindAFrontProxy() throws IOException {
        var state = new LatestScrapes(null, Duration.ofSeconds(15), Duration.ofMinutes(2), CLOCK);
        state.apply(scrape("node-1", "00:00:00", 0, 1L << 30));
        state.apply(scrape("node-1", "00:00:15", 7_500_000_000L, 1L << 30));
        aggregated = new AggregatedServer(state, Authorizer.FRONT_PROXY, CLOCK);
        var tls = TlsContexts.server(List.of(AggregatedServer.PROXY.certificate()), AggregatedServer.PROXY.key(),
                List.of(AggregatedServer.SERVING.certificate()));
        var upstream = HttpClient.newBuilder().sslContext(tls).build();
        frontProxy = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 8);
        frontProxy.createContext("/", exchange -> {
            try (exchange) {
                var uri = URI.create("https://127.0.0.1:" + aggregated.server.port() + exchange.getRequestURI());
                var answer = upstream.send(HttpRequest.newBuilder(uri).header("X-Remote-User", "kubectl-user")
                        .header("X-Remote-Group", "system:authenticated").build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(answer.statusCode(), answer.body().length);
                exchange.getResponseBody().write(answer.body());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        frontProxy.start();
    }

    @AfterEach
    void stop() {
        frontProxy.stop(0);
        aggregated.close();
    }

    @Test
    void kubectlGetRawListsTheNodeMetrics() throws Exception {
        // Required, as the deploy module's manifest tests require it: a skipped check here would be a missing one.
        assertThat(onPath("kubectl")).as("kubectl (1.27 or later) must be on the PATH for this test").isTrue();
        Files.writeString(dir.resolve("kubeconfig"), "apiVersion: v1\nkind: Config\n");
        var process = new ProcessBuilder("kubectl", "--kubeconfig", dir.resolve("kubeconfig").toString(),
                "--server", "http://127.0.0.1:" + frontProxy.getAddress().getPort(),
                "get", "--raw", "/apis/metrics.k8s.io/v1beta1/nodes").redirectErrorStream(true).start();
        var output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(process.exitValue()).as(output).isZero();
        var nodes = Json.mapper().readTree(output);
        assertThat(nodes.get("kind").asText()).isEqualTo("NodeMetricsList");
        assertThat(nodes.at("/items/0/metadata/name").asText()).isEqualTo("node-1");
        assertThat(nodes.at("/items/0/usage/cpu").asText()).isEqualTo("500m"); // 7.5e9 core-ns in 15 s
        assertThat(nodes.at("/items/0/usage/memory").asText()).isEqualTo("1Gi");
    }

    private static boolean onPath(String command) {
        var path = System.getenv("PATH");
        return path != null && java.util.Arrays.stream(path.split(java.io.File.pathSeparator))
                .anyMatch(d -> Files.isExecutable(Path.of(d, command)));
    }
}
