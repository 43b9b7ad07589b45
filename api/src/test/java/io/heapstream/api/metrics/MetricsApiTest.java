package io.heapstream.api.metrics;

import static io.heapstream.api.metrics.Scrapes.at;
import static io.heapstream.api.metrics.Scrapes.container;
import static io.heapstream.api.metrics.Scrapes.pod;
import static io.heapstream.api.metrics.Scrapes.scrape;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.heapstream.model.Json;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Exact JSON of metrics.k8s.io answers from two scrapes 15 s apart, every number computed by hand:
 * node CPU 7.5e9 core-ns / 15 s = 500m; container "app" 3.75e9 / 15 s = 250m; "sidecar" 18,518,505 / 15 s =
 * 1,234,567n; memory is the second scrape's working set.
 */
class MetricsApiTest {
    private static final Clock CLOCK = Clock.fixed(at("00:00:20"), ZoneOffset.UTC);
    private static final long GIB = 1L << 30;

    private LatestScrapes state;
    private MetricsApi api;

    @BeforeEach
    void twoScrapes() {
        state = new LatestScrapes(null, Duration.ofSeconds(15), Duration.ofMinutes(2), CLOCK);
        api = new MetricsApi(state, CLOCK);
        state.apply(scrape("node-1", "00:00:00", 1_000_000_000_000L, 2 * GIB,
                pod("web", "api-0", Map.of("app", "api"),
                        container("app", "00:00:00", 2_000_000_000L, 104_857_600),
                        container("sidecar", "00:00:00", 1_000_000, 10_485_760))));
        state.apply(scrape("node-1", "00:00:15", 1_007_500_000_000L, 3 * GIB / 2,
                pod("web", "api-0", Map.of("app", "api"),
                        container("app", "00:00:15", 5_750_000_000L, 104_858_112),
                        container("sidecar", "00:00:15", 19_518_505, 10_485_760))));
    }

    @Test
    void nodeListIsTheRateBetweenTheTwoLatestScrapesAndTheLatestWorkingSet() {
        assertJson("/nodes", """
                {"kind":"NodeMetricsList","apiVersion":"metrics.k8s.io/v1beta1","metadata":{},"items":[
                 {"metadata":{"name":"node-1","creationTimestamp":"2026-01-01T00:00:20Z",
                              "labels":{"kubernetes.io/hostname":"node-1"}},
                  "timestamp":"2026-01-01T00:00:15Z","window":"15s","usage":{"cpu":"500m","memory":"1536Mi"}}]}""");
    }

    @Test
    void singlePodCarriesKindAndEveryContainer() {
        assertJson("/namespaces/web/pods/api-0", """
                {"kind":"PodMetrics","apiVersion":"metrics.k8s.io/v1beta1",
                 "metadata":{"name":"api-0","namespace":"web","creationTimestamp":"2026-01-01T00:00:20Z",
                             "labels":{"app":"api"}},
                 "timestamp":"2026-01-01T00:00:15Z","window":"15s",
                 "containers":[{"name":"app","usage":{"cpu":"250m","memory":"104858112"}},
                               {"name":"sidecar","usage":{"cpu":"1234567n","memory":"10Mi"}}]}""");
    }

    @Test
    void unknownNodeIsAKubernetesNotFoundStatus() {
        var answer = api.get(MetricsApi.PREFIX + "/nodes/nope", Map.of());
        assertThat(answer.status()).isEqualTo(404);
        assertThat(tree(answer.body())).isEqualTo(tree("""
                {"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure",
                 "message":"nodemetrics.metrics.k8s.io \\"nope\\" not found","reason":"NotFound",
                 "details":{"name":"nope","group":"metrics.k8s.io","kind":"nodemetrics"},"code":404}"""));
    }

    @Test
    void selectorsFilterPodsAndMalformedOnesAreBadRequests() {
        var matching = api.get(MetricsApi.PREFIX + "/pods", Map.of("labelSelector", "app in (api,db)",
                "fieldSelector", "metadata.namespace=web"));
        var other = api.get(MetricsApi.PREFIX + "/namespaces/web/pods", Map.of("labelSelector", "app!=api"));
        var bad = api.get(MetricsApi.PREFIX + "/pods", Map.of("labelSelector", "app in (api"));
        var badField = api.get(MetricsApi.PREFIX + "/pods", Map.of("fieldSelector", "spec.nodeName=node-1"));

        assertThat(tree(matching.body()).get("items")).hasSize(1);
        assertThat(tree(other.body()).get("items")).isEmpty();
        assertThat(bad.status()).isEqualTo(400);
        assertThat(badField.status()).isEqualTo(400);
        assertThat(tree(badField.body()).get("message").asText()).isEqualTo("field label not supported: spec.nodeName");
    }

    @Test
    void podListsAreByNamespaceThenNameAcrossNodesAndANamespaceIsNotAPrefix() {
        state.apply(scrape("node-2", "00:00:00", 1, 1, pod("web-2", "a", Map.of(),
                container("c", "00:00:00", 0, 1)), pod("web", "b", Map.of(), container("c", "00:00:00", 0, 1))));
        state.apply(scrape("node-2", "00:00:15", 1, 1, pod("web-2", "a", Map.of(),
                container("c", "00:00:15", 15_000_000, 1)), pod("web", "b", Map.of(),
                container("c", "00:00:15", 15_000_000, 1))));

        assertThat(names("/pods")).isEqualTo("web/api-0 web/b web-2/a");
        assertThat(names("/namespaces/web/pods")).isEqualTo("web/api-0 web/b");
    }

    @Test
    void aPodThatLeftItsNodesLatestScrapeIsGoneAndOneThatMovedIsServedFromItsNewNode() {
        state.apply(scrape("node-2", "00:00:16", 1, 1, pod("web", "api-0", Map.of(),
                container("app", "00:00:00", 0, 1))));
        state.apply(scrape("node-2", "00:00:31", 1, 1, pod("web", "api-0", Map.of(),
                container("app", "00:00:15", 30_000_000, 7))));
        state.apply(scrape("node-1", "00:00:30", 1_015_000_000_000L, GIB)); // its pods left: not node-2's api-0

        assertThat(names("/pods")).isEqualTo("web/api-0");
        assertThat(tree(api.get(MetricsApi.PREFIX + "/namespaces/web/pods/api-0", Map.of()).body())
                .at("/containers/0/usage/memory").asText()).isEqualTo("7");
    }

    private String names(String path) {
        var items = tree(api.get(MetricsApi.PREFIX + path, Map.of()).body()).get("items");
        var names = new java.util.ArrayList<String>();
        items.forEach(i -> names.add(i.at("/metadata/namespace").asText() + "/" + i.at("/metadata/name").asText()));
        return String.join(" ", names);
    }

    @Test
    void oneScrapeIsNoDataYetAnEmptyList() {
        var fresh = new LatestScrapes(null, Duration.ofSeconds(15), Duration.ofMinutes(2), CLOCK);
        fresh.apply(scrape("node-2", "00:00:15", 1, 1));
        var answer = new MetricsApi(fresh, CLOCK).get(MetricsApi.PREFIX + "/nodes", Map.of());

        assertThat(answer.status()).isEqualTo(200);
        assertThat(tree(answer.body()).get("items")).isEmpty();
    }

    @Test
    void discoveryNamesTheGroupAndItsTwoResources() {
        assertThat(tree(api.get("/apis", Map.of()).body())).isEqualTo(tree("""
                {"kind":"APIGroupList","apiVersion":"v1","groups":[{"name":"metrics.k8s.io",
                 "versions":[{"groupVersion":"metrics.k8s.io/v1beta1","version":"v1beta1"}],
                 "preferredVersion":{"groupVersion":"metrics.k8s.io/v1beta1","version":"v1beta1"}}]}"""));
        assertThat(tree(api.get(MetricsApi.PREFIX, Map.of()).body())).isEqualTo(tree("""
                {"kind":"APIResourceList","apiVersion":"v1","groupVersion":"metrics.k8s.io/v1beta1","resources":[
                 {"name":"nodes","singularName":"","namespaced":false,"kind":"NodeMetrics","verbs":["get","list"]},
                 {"name":"pods","singularName":"","namespaced":true,"kind":"PodMetrics","verbs":["get","list"]}]}"""));
    }

    private void assertJson(String path, String expected) {
        var answer = api.get(MetricsApi.PREFIX + path, Map.of());
        assertThat(answer.status()).isEqualTo(200);
        assertThat(tree(answer.body())).isEqualTo(tree(expected));
    }

    private static JsonNode tree(Object body) {
        try {
            return body instanceof String s ? Json.mapper().readTree(s) : Json.mapper().valueToTree(body);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
