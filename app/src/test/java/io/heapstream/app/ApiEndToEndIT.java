package io.heapstream.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.heapstream.aggregator.AggregatorService;
import io.heapstream.aggregator.config.AggregatorConfig;
import io.heapstream.api.ApiConfig;
import io.heapstream.api.ApiService;
import io.heapstream.api.http.Certificates;
import io.heapstream.api.http.TlsContexts;
import io.heapstream.app.e2e.RawTopic;
import io.heapstream.app.e2e.RunTopics;
import io.heapstream.app.e2e.SteppedAggregator;
import io.heapstream.app.e2e.SteppedCollectors;
import io.heapstream.model.Json;
import io.heapstream.model.Topics;
import io.heapstream.model.raw.ContainerStats;
import io.heapstream.model.raw.RawScrape;
import io.heapstream.model.rollup.Level;
import io.heapstream.model.rollup.Rollup;
import io.heapstream.simulator.Fleet;
import io.heapstream.simulator.FleetSpec;
import io.heapstream.simulator.KubeletSimulator;
import io.heapstream.simulator.ManualClock;
import io.heapstream.testkit.reference.ReferenceRollups;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A simulated fleet → real collectors → a real broker → the aggregator → {@code heapstream api}: Heapster's model
 * API answers exactly the reference rollups of the published scrapes (window start, mean rounded), and
 * metrics.k8s.io answers what the last two published scrapes of each node say. Time is the test's (a
 * {@link ManualClock} one slot at a time, as in {@link EndToEndIT}); the api's clock stands at the run's end.
 */
class ApiEndToEndIT {
    private static final Instant T0 = Instant.parse("2025-06-02T00:00:00Z");
    private static final Duration SCRAPE = Duration.ofSeconds(2);
    private static final Duration WINDOW = Duration.ofSeconds(10);
    private static final Duration GRACE = Duration.ofSeconds(2);
    private static final Instant END = T0.plus(Duration.ofMinutes(1));

    @TempDir
    Path dir;

    private Certificates.Issued proxy;
    private Certificates.Issued serving;

    @Test
    void bothApisAnswerWhatTheTopicsHold() throws Exception {
        // one raw partition: a partition without nodes would hold the namespace windows back (EndToEndIT)
        var run = RunTopics.create("apie2e", 1, 2, List.of(WINDOW));
        var bootstrap = run.bootstrap();
        var name = run.name();
        var raw = run.raw();
        var rollupPrefix = run.rollupPrefix();
        var spec = new FleetSpec(1, 3, 6, 2, 11, SCRAPE, new FleetSpec.Churn(8, 6));
        var clock = new ManualClock(T0);
        var cluster = new Fleet(spec, T0).nodeRefs().get(0).cluster();
        try (var kubelets = KubeletSimulator.start(new Fleet(spec, T0), clock);
             var aggregator = new AggregatorService(aggregatorConfig(bootstrap, name, raw, rollupPrefix),
                     new SimpleMeterRegistry());
             var collectors = new SteppedCollectors(kubelets, bootstrap, raw, clock)) {
            aggregator.start();
            await().atMost(Duration.ofSeconds(90)).until(aggregator::isReady);
            for (var slot = T0; !slot.isAfter(END.plus(GRACE)); slot = slot.plus(SCRAPE)) {
                clock.set(slot);
                collectors.scrape(slot);
            }
            var published = RawTopic.readAll(bootstrap, raw);
            var reference = ReferenceRollups.compute(published, WINDOW, GRACE, List.of()).stream()
                    .filter(r -> !r.windowEnd().isAfter(END) && r.resolution().equals(WINDOW)).toList();

            var api = startApi(bootstrap, raw, rollupPrefix, cluster, END.plus(GRACE));
            try {
                await().atMost(Duration.ofSeconds(90)).until(api::isReady);
                var lastWindow = END.minus(WINDOW).toString();
                for (var rollup : reference) {
                    if (rollup.key().level() == Level.NODE || rollup.key().level() == Level.NAMESPACE) {
                        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                                assertThat(model(api, rollup, "cpu/usage_rate", lastWindow))
                                        .isEqualTo(expectedModel(reference, rollup, "cpu/usage_rate")));
                    }
                }
                assertMetricsApi(api, published, cluster);
            } finally {
                api.stop();
            }
        }
    }

    private ApiService startApi(String bootstrap, String raw, String rollupPrefix, String cluster, Instant now)
            throws Exception {
        serving = Certificates.selfSigned("heapstream-api", List.of("127.0.0.1"));
        var ca = Certificates.authority("front-proxy-ca");
        proxy = Certificates.client("front-proxy-client", ca);
        Files.writeString(dir.resolve("tls.crt"), serving.certificatePem());
        Files.writeString(dir.resolve("tls.key"), serving.keyPem());
        Files.writeString(dir.resolve("ca.crt"), ca.certificatePem());
        var config = ApiConfig.from(Map.ofEntries(
                Map.entry("HEAPSTREAM_KAFKA_BOOTSTRAP", bootstrap),
                Map.entry("HEAPSTREAM_RAW_TOPIC", raw),
                Map.entry("HEAPSTREAM_ROLLUP_TOPIC_PREFIX", rollupPrefix),
                Map.entry("HEAPSTREAM_CLUSTER", cluster),
                Map.entry("HEAPSTREAM_SECURE_PORT", "0"),
                Map.entry("HEAPSTREAM_MODEL_PORT", "0"),
                Map.entry("HEAPSTREAM_TLS_CERT_FILE", dir.resolve("tls.crt").toString()),
                Map.entry("HEAPSTREAM_TLS_PRIVATE_KEY_FILE", dir.resolve("tls.key").toString()),
                Map.entry("HEAPSTREAM_REQUESTHEADER_CLIENT_CA_FILE", dir.resolve("ca.crt").toString()),
                Map.entry("HEAPSTREAM_AUTHORIZATION", "front-proxy"),
                Map.entry("HEAPSTREAM_METRIC_RESOLUTION", Topics.suffix(SCRAPE)),
                Map.entry("HEAPSTREAM_MODEL_RESOLUTION", Topics.suffix(WINDOW))), Map.of());
        var api = new ApiService(config, new SimpleMeterRegistry(), Clock.fixed(now, ZoneOffset.UTC), () -> {
            throw new AssertionError("no API server needed");
        });
        api.start();
        return api;
    }

    /** The model API's points of a node's or namespace's metric up to {@code end}, as (time, value) text. */
    private static List<String> model(ApiService api, Rollup rollup, String metric, String end) throws Exception {
        var key = rollup.key();
        var entity = key.level() == Level.NODE ? "nodes/" + key.node() : "namespaces/" + key.namespace();
        var uri = URI.create("http://127.0.0.1:" + api.modelPort() + "/api/v1/model/" + entity + "/metrics/" + metric
                + "?end=" + URLEncoder.encode(end, StandardCharsets.UTF_8));
        var response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            return List.of(response.statusCode() + " " + response.body().strip()); // not there yet: await again
        }
        var points = new ArrayList<String>();
        Json.mapper().readTree(response.body()).path("metrics").forEach(p ->
                points.add(p.get("timestamp").asText() + "=" + p.get("value").asLong()));
        return points;
    }

    private static List<String> expectedModel(List<Rollup> reference, Rollup of, String metric) {
        return reference.stream().filter(r -> r.key().equals(of.key()) && r.metric(metric) != null)
                .sorted(Comparator.comparing(Rollup::windowStart))
                .map(r -> r.windowStart() + "=" + Math.max(0, Math.round(r.metric(metric).avg()))).toList();
    }

    /** Each node's usage, and every container that ran through both of its node's last two scrapes. */
    private void assertMetricsApi(ApiService api, List<RawScrape> published, String cluster) throws Exception {
        var byNode = published.stream().filter(s -> s.cluster().equals(cluster))
                .collect(Collectors.groupingBy(RawScrape::node));
        var nodes = get(api, "/apis/metrics.k8s.io/v1beta1/nodes");
        var pods = get(api, "/apis/metrics.k8s.io/v1beta1/pods");
        assertThat(nodes.get("items")).hasSize(byNode.size());
        int containersChecked = 0;
        for (var entry : byNode.entrySet()) {
            var scrapes = entry.getValue().stream().sorted(Comparator.comparing(RawScrape::scrapeTime)).toList();
            var before = scrapes.get(scrapes.size() - 2);
            var after = scrapes.get(scrapes.size() - 1);
            var node = find(nodes, entry.getKey(), null);
            assertCpu(node.at("/usage/cpu").asText(), rate(before.nodeStats().cpu().usageCoreNanoSeconds(),
                    after.nodeStats().cpu().usageCoreNanoSeconds(), before.nodeStats().cpu().time(),
                    after.nodeStats().cpu().time()));
            assertMemory(node.at("/usage/memory").asText(), after.nodeStats().memory().workingSetBytes());
            var previous = new HashMap<String, ContainerStats>();
            before.pods().forEach(p -> p.containers().forEach(c ->
                    previous.put(p.podRef().namespace() + "/" + p.podRef().name() + "/" + c.name(), c)));
            for (var pod : after.pods()) {
                var served = find(pods, pod.podRef().name(), pod.podRef().namespace());
                for (var container : pod.containers()) {
                    var old = previous.get(pod.podRef().namespace() + "/" + pod.podRef().name() + "/"
                            + container.name());
                    if (served == null || old == null || !old.startTime().equals(container.startTime())
                            || old.cpu() == null || container.cpu() == null) {
                        continue; // new, restarted or unmeasured: metrics-server's special cases, tested elsewhere
                    }
                    var usage = containerUsage(served, container.name());
                    assertCpu(usage.at("/cpu").asText(), rate(old.cpu().usageCoreNanoSeconds(),
                            container.cpu().usageCoreNanoSeconds(), old.cpu().time(), container.cpu().time()));
                    assertMemory(usage.at("/memory").asText(), container.memory().workingSetBytes());
                    containersChecked++;
                }
            }
        }
        assertThat(containersChecked).as("containers compared with the raw scrapes").isGreaterThan(10);
    }

    private JsonNode get(ApiService api, String path) throws Exception {
        var tls = TlsContexts.server(List.of(proxy.certificate()), proxy.key(), List.of(serving.certificate()));
        var client = HttpClient.newBuilder().sslContext(tls).build();
        var response = client.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + api.securePort() + path))
                .header("X-Remote-User", "e2e").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Json.mapper().readTree(response.body());
    }

    private static JsonNode find(JsonNode list, String name, String namespace) {
        for (var item : list.get("items")) {
            if (item.at("/metadata/name").asText().equals(name)
                    && (namespace == null || item.at("/metadata/namespace").asText().equals(namespace))) {
                return item;
            }
        }
        return null;
    }

    private static JsonNode containerUsage(JsonNode pod, String container) {
        for (var c : pod.get("containers")) {
            if (c.get("name").asText().equals(container)) {
                return c.get("usage");
            }
        }
        throw new AssertionError("container " + container + " missing in " + pod);
    }

    private static long rate(long cpuBefore, long cpuAfter, Instant before, Instant after) {
        double seconds = Duration.between(before, after).toNanos() / 1e9;
        return (long) ((cpuAfter - cpuBefore) / seconds);
    }

    /** Quantities as fabric8 reads them: {@code 250m} is 0.25 cores. */
    private static void assertCpu(String quantity, long nanoCores) {
        assertThat(new io.fabric8.kubernetes.api.model.Quantity(quantity).getNumericalAmount())
                .isEqualByComparingTo(BigDecimal.valueOf(nanoCores).movePointLeft(9));
    }

    private static void assertMemory(String quantity, long bytes) {
        assertThat(new io.fabric8.kubernetes.api.model.Quantity(quantity).getNumericalAmount())
                .isEqualByComparingTo(BigDecimal.valueOf(bytes));
    }

    private static AggregatorConfig aggregatorConfig(String bootstrap, String name, String raw, String rollupPrefix)
            throws java.io.IOException {
        return SteppedAggregator.config(bootstrap, name, raw, rollupPrefix, WINDOW, GRACE, List.of(), 1,
                Files.createTempDirectory("heapstream-api-e2e-").toString());
    }
}
