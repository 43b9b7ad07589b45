package io.heapstream.api.http;

import static io.heapstream.api.metrics.Scrapes.at;
import static io.heapstream.api.metrics.Scrapes.container;
import static io.heapstream.api.metrics.Scrapes.pod;
import static io.heapstream.api.metrics.Scrapes.scrape;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.heapstream.api.metrics.LatestScrapes;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code kubectl top}'s client, fabric8's {@code client.top()}, against the server over TLS: answers when the
 * request comes through the front proxy, 401 (or a failed handshake) otherwise.
 */
class TopThroughFrontProxyTest {
    private static final Clock CLOCK = Clock.fixed(at("00:00:20"), ZoneOffset.UTC);

    private AggregatedServer aggregated;

    @BeforeEach
    void serveTwoScrapes() {
        var state = new LatestScrapes(null, Duration.ofSeconds(15), Duration.ofMinutes(2), CLOCK);
        state.apply(scrape("node-1", "00:00:00", 1_000_000_000_000L, 1L << 30,
                pod("web", "api-0", Map.of("app", "api"), container("app", "00:00:00", 2_000_000_000L, 100))));
        state.apply(scrape("node-1", "00:00:15", 1_030_000_000_000L, 1L << 31,
                pod("web", "api-0", Map.of("app", "api"), container("app", "00:00:15", 2_015_000_000L, 200))));
        aggregated = new AggregatedServer(state, Authorizer.FRONT_PROXY, CLOCK);
    }

    @AfterEach
    void stop() {
        aggregated.close();
    }

    @Test
    void topNodesAndPodsReadTheRatesThroughTheFrontProxy() {
        try (var client = aggregated.proxiedAs("alice", "system:authenticated")) {
            var nodes = client.top().nodes().metrics().getItems();
            var pod = client.top().pods().metrics("web", "api-0");
            var labelled = client.top().pods().inNamespace("web").withLabels(Map.of("app", "api")).metrics();

            assertThat(nodes).hasSize(1);
            assertThat(nodes.get(0).getMetadata().getName()).isEqualTo("node-1");
            // 30e9 core-ns in 15 s = 2 cores; working set 2 GiB
            assertThat(nodes.get(0).getUsage()).containsEntry("cpu", new Quantity("2"))
                    .containsEntry("memory", new Quantity("2Gi"));
            assertThat(nodes.get(0).getTimestamp()).isEqualTo("2026-01-01T00:00:15Z");
            // 15e6 core-ns in 15 s = 1m
            assertThat(pod.getContainers().get(0).getUsage()).containsEntry("cpu", new Quantity("1m"))
                    .containsEntry("memory", new Quantity("200"));
            assertThat(labelled.getItems()).extracting(p -> p.getMetadata().getName()).containsExactly("api-0");
        }
    }

    @Test
    void unknownPodIsNotFound() {
        try (var client = aggregated.proxiedAs("alice", "system:authenticated")) {
            assertThatThrownBy(() -> client.top().pods().metrics("web", "nope"))
                    .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(404));
        }
    }

    @Test
    void withoutTheFrontProxyCertificateTheHeadersAreNotBelieved() {
        try (var client = aggregated.client(null, Map.of("X-Remote-User", "system:admin"))) {
            assertThatThrownBy(() -> client.top().nodes().metrics())
                    .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(401));
        }
    }

    @Test
    void theCertificateWithoutAUserHeaderIsRefused() {
        try (var client = aggregated.client(AggregatedServer.PROXY, Map.of())) {
            assertThatThrownBy(() -> client.top().nodes().metrics())
                    .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(401));
        }
    }

    @Test
    void aCertificateOfAnotherAuthorityOrNameIsRefused() {
        var otherCa = Certificates.authority("some-other-ca");
        var stranger = Certificates.client("front-proxy-client", otherCa);
        var wrongName = Certificates.client("not-the-proxy", AggregatedServer.FRONT_PROXY_CA);
        try (var foreign = aggregated.client(stranger, Map.of("X-Remote-User", "alice"));
             var renamed = aggregated.client(wrongName, Map.of("X-Remote-User", "alice"))) {
            assertThatThrownBy(() -> foreign.top().nodes().metrics()).isInstanceOf(KubernetesClientException.class);
            assertThatThrownBy(() -> renamed.top().nodes().metrics())
                    .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(401));
        }
    }
}
