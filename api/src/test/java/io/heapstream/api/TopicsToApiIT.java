package io.heapstream.api;

import static io.heapstream.api.metrics.Scrapes.LONG_AGO;
import static io.heapstream.api.metrics.Scrapes.container;
import static io.heapstream.api.metrics.Scrapes.pod;
import static io.heapstream.api.metrics.Scrapes.scrape;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import io.heapstream.api.http.Certificates;
import io.heapstream.model.Topics;
import io.heapstream.model.raw.PodStats;
import io.heapstream.model.rollup.MetricStats;
import io.heapstream.model.rollup.Rollup;
import io.heapstream.model.rollup.RollupKey;
import io.heapstream.model.raw.RawScrape;
import io.heapstream.testkit.TestServices;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Raw scrapes and rollups on a real broker, the role started as in production (settings map, mounted serving
 * certificate, front-proxy CA file), then its clients: fabric8's {@code top()} through the front proxy, where every
 * node's and container's usage equals what the two raw scrapes say (counter difference over time difference;
 * latest working set), and Heapster's model API over HTTP, whose points are the rollups' means at their window
 * starts. An unreadable record on the raw topic is skipped, not fatal.
 */
class TopicsToApiIT {
    private static final int NODES = 3;
    private static final int PODS = 4;

    @TempDir
    Path dir;

    private ApiService service;

    @AfterEach
    void stop() {
        if (service != null) {
            service.stop();
        }
    }

    @Test
    void topAnswersWhatTheRawScrapesSay() throws Exception {
        var bootstrap = TestServices.kafkaBootstrap();
        var topic = TestServices.createTopic(bootstrap, TestServices.unique("api_raw"), 3);
        var rollupPrefix = TestServices.unique("api_rollup") + ".";
        var rollupTopic = TestServices.createTopic(bootstrap, rollupPrefix + "1m", 2);
        var second = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(5);
        var first = second.minusSeconds(15);
        var random = new Random(42);
        var scrapes = new ArrayList<RawScrape[]>();
        for (int n = 0; n < NODES; n++) {
            scrapes.add(twoScrapes("node-" + n, first, second, random));
        }
        produce(bootstrap, topic, scrapes);
        var minute = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(2));
        produceRollups(bootstrap, rollupTopic, minute);

        var servingCert = Certificates.selfSigned("heapstream-api", List.of("127.0.0.1"));
        var ca = Certificates.authority("front-proxy-ca");
        var proxy = Certificates.client("front-proxy-client", ca);
        Files.writeString(dir.resolve("tls.crt"), servingCert.certificatePem());
        Files.writeString(dir.resolve("tls.key"), servingCert.keyPem());
        Files.writeString(dir.resolve("requestheader-ca.crt"), ca.certificatePem());
        var config = ApiConfig.from(Map.of(
                "HEAPSTREAM_KAFKA_BOOTSTRAP", bootstrap,
                "HEAPSTREAM_RAW_TOPIC", topic,
                "HEAPSTREAM_SECURE_PORT", "0",
                "HEAPSTREAM_TLS_CERT_FILE", dir.resolve("tls.crt").toString(),
                "HEAPSTREAM_TLS_PRIVATE_KEY_FILE", dir.resolve("tls.key").toString(),
                "HEAPSTREAM_REQUESTHEADER_CLIENT_CA_FILE", dir.resolve("requestheader-ca.crt").toString(),
                "HEAPSTREAM_REQUESTHEADER_ALLOWED_NAMES", "front-proxy-client",
                "HEAPSTREAM_AUTHORIZATION", "front-proxy",
                "HEAPSTREAM_ROLLUP_TOPIC_PREFIX", rollupPrefix,
                "HEAPSTREAM_MODEL_PORT", "0"), Map.of());
        service = new ApiService(config, new SimpleMeterRegistry(), Clock.systemUTC(), () -> {
            throw new AssertionError("no Kubernetes API server needed with a CA file and front-proxy authorization");
        });
        service.start();
        await().atMost(Duration.ofSeconds(60)).until(service::isReady);

        try (var client = client(servingCert, proxy, service.securePort())) {
            var nodes = client.top().nodes().metrics().getItems();
            assertThat(nodes).hasSize(NODES);
            for (var scrapePair : scrapes) {
                var before = scrapePair[0].nodeStats();
                var after = scrapePair[1].nodeStats();
                var served = nodes.stream().filter(m -> m.getMetadata().getName().equals(scrapePair[1].node()))
                        .findFirst().orElseThrow();
                assertUsage(served.getUsage(), before.cpu().usageCoreNanoSeconds(), after.cpu().usageCoreNanoSeconds(),
                        after.memory().workingSetBytes());
                assertThat(served.getTimestamp()).isEqualTo(second.toString());
                assertThat(served.getWindow().getDuration()).isEqualTo(Duration.ofSeconds(15));
            }
            var pods = client.top().pods().metrics("team").getItems();
            assertThat(pods).hasSize(NODES * PODS);
            for (var scrapePair : scrapes) {
                for (int p = 0; p < PODS; p++) {
                    var before = scrapePair[0].pods().get(p).containers().get(0);
                    var after = scrapePair[1].pods().get(p).containers().get(0);
                    var name = scrapePair[1].pods().get(p).podRef().name();
                    var served = client.top().pods().metrics("team", name).getContainers().get(0);
                    assertUsage(served.getUsage(), before.cpu().usageCoreNanoSeconds(),
                            after.cpu().usageCoreNanoSeconds(), after.memory().workingSetBytes());
                }
            }
        }
        // the rollups: node-0's two windows (means 250.4 and 260.6 millicores), rounded as Heapster's int64
        var model = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + service.modelPort() + "/api/v1/model/nodes/node-0/metrics/cpu/usage_rate")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(model.statusCode()).isEqualTo(200);
        assertThat(model.body()).isEqualTo("{\"metrics\":[{\"timestamp\":\"" + minute + "\",\"value\":250},"
                + "{\"timestamp\":\"" + minute.plusSeconds(60) + "\",\"value\":261}],\"latestTimestamp\":\""
                + minute.plusSeconds(60) + "\"}");
    }

    private static void produceRollups(String bootstrap, String topic, Instant minute) throws Exception {
        var rollups = Topics.rollup(topic);
        var settings = Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (var producer = new KafkaProducer<>(settings, rollups.keySerde().serializer(),
                rollups.valueSerde().serializer())) {
            var key = RollupKey.node("c1", "node-0");
            double[] means = {250.4, 260.6};
            for (int i = 0; i < means.length; i++) {
                var start = minute.plusSeconds(60L * i);
                var stats = new MetricStats("cpu/usage_rate", null, 4, means[i], means[i] - 10, means[i] + 10, means[i]);
                producer.send(new ProducerRecord<>(topic, key, new Rollup(1, key, Duration.ofMinutes(1), start,
                        start.plusSeconds(60), List.of(stats), Map.of(), null))).get();
            }
        }
    }

    private static RawScrape[] twoScrapes(String node, Instant first, Instant second, Random random) {
        long nodeCpu = random.nextLong(1L << 40);
        long[] podCpu = new long[PODS];
        var firstPods = new ArrayList<PodStats>();
        var secondPods = new ArrayList<PodStats>();
        for (int p = 0; p < PODS; p++) {
            podCpu[p] = random.nextLong(1L << 36);
            var name = node + "-pod-" + p;
            firstPods.add(pod("team", name, Map.of("app", "a" + p),
                    container("main", LONG_AGO, first, podCpu[p], random.nextLong(1L << 30))));
            secondPods.add(pod("team", name, Map.of("app", "a" + p), container("main", LONG_AGO, second,
                    podCpu[p] + random.nextLong(15_000_000_000L), random.nextLong(1L << 30))));
        }
        return new RawScrape[] {
            scrape(node, first, nodeCpu, random.nextLong(1L << 34), firstPods.toArray(PodStats[]::new)),
            scrape(node, second, nodeCpu + random.nextLong(60_000_000_000L), random.nextLong(1L << 34),
                    secondPods.toArray(PodStats[]::new))};
    }

    private static void produce(String bootstrap, String topic, List<RawScrape[]> scrapes) throws Exception {
        var raw = Topics.raw(topic);
        var settings = Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (var producer = new KafkaProducer<>(settings, raw.keySerde().serializer(), raw.valueSerde().serializer());
             var garbage = new KafkaProducer<>(settings, new ByteArraySerializer(), new ByteArraySerializer())) {
            garbage.send(new ProducerRecord<>(topic, 0, null, "not a scrape".getBytes(StandardCharsets.UTF_8))).get();
            for (int i = 0; i < 2; i++) {
                for (var pair : scrapes) {
                    producer.send(new ProducerRecord<>(topic, pair[i].key(), pair[i])).get();
                }
            }
        }
    }

    private static void assertUsage(Map<String, Quantity> usage, long cpuBefore, long cpuAfter, long workingSet) {
        long nanoCores = (long) ((cpuAfter - cpuBefore) / 15.0);
        assertThat(usage.get("cpu").getNumericalAmount())
                .isEqualByComparingTo(BigDecimal.valueOf(nanoCores).movePointLeft(9));
        assertThat(usage.get("memory").getNumericalAmount()).isEqualByComparingTo(BigDecimal.valueOf(workingSet));
    }

    private static KubernetesClient client(Certificates.Issued serving, Certificates.Issued proxy, int port) {
        var config = new ConfigBuilder(Config.empty())
                .withMasterUrl("https://127.0.0.1:" + port)
                .withCaCertData(base64(serving.certificatePem()))
                .withClientCertData(base64(proxy.certificatePem()))
                .withClientKeyData(base64(proxy.keyPem()))
                .withCustomHeaders(Map.of("X-Remote-User", "hpa", "X-Remote-Group", "system:authenticated"))
                .build();
        return new KubernetesClientBuilder().withConfig(config).withHttpClientFactory(new JdkHttpClientFactory()).build();
    }

    private static String base64(String pem) {
        return Base64.getEncoder().encodeToString(pem.getBytes(StandardCharsets.UTF_8));
    }
}
