package io.heapstream.collector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.heapstream.collector.kubelet.KubeletClient;
import io.heapstream.model.Topics;
import io.heapstream.model.raw.RawScrape;
import io.heapstream.testkit.Fixtures;
import io.heapstream.testkit.TestServices;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The collector against a kubelet that speaks HTTPS with its own certificate and wants a bearer token, as a
 * real one does: records land on a real broker; a certificate the CA does not vouch for gets nothing through.
 *
 * <p>The kubelet timeout must fit the scrape interval, which is short so that the tests take seconds. A JVM's
 * first TLS exchange (loading and warming the JDK's TLS code at both ends) takes seconds on a loaded machine —
 * 9 to 13 s at load 48 on two cores, then under 1 s — so each test first makes one verified request through the
 * collector's own client with room to spare, and the collector's scrapes meet a warm TLS stack. Without it the
 * first scrape, or the first {@code /pods} fetch, timed out under load and the strict checks below failed.
 */
class HttpsKubeletIT {
    private static final String SUMMARY = "nri-kubernetes/k8s-1_31/stats-summary.json";
    private static final String PODS = "nri-kubernetes/k8s-1_31/kubelet-pods.json";
    /** The scrape interval and the kubelet timeout: three times the slowest warm exchange seen at load 48. */
    private static final Duration INTERVAL = Duration.ofSeconds(3);

    @TempDir
    static Path dir;
    /** Made once: each keytool run is a JVM start. */
    private static TestCertificates certificates;
    private HttpsServer kubelet;
    private String token;
    private Path tokenFile;

    @BeforeAll
    static void makeCertificate() throws Exception {
        certificates = TestCertificates.create(dir, "kubelet");
    }

    @BeforeEach
    void startKubelet() throws Exception {
        token = UUID.randomUUID().toString();
        tokenFile = Files.writeString(dir.resolve("token"), token);
        kubelet = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        kubelet.setHttpsConfigurator(new HttpsConfigurator(certificates.serverContext()));
        serve("/stats/summary", Fixtures.bytes(SUMMARY));
        serve("/pods", Fixtures.bytes(PODS));
        kubelet.start();
        warmUpTls();
    }

    /** One verified, authorized request, the collector's client against this kubelet: a 60 s budget. */
    private void warmUpTls() throws Exception {
        var client = new KubeletClient(new KubeletClient.Settings(tokenFile, certificates.caPem(), false,
                Duration.ofSeconds(60), 32L << 20));
        assertThat(client.get(URI.create(kubeletUrl("/pods")))).isNotEmpty();
    }

    private String kubeletUrl(String path) {
        return "https://127.0.0.1:" + kubelet.getAddress().getPort() + path;
    }

    private void serve(String path, byte[] body) {
        kubelet.createContext(path, exchange -> {
            try (exchange) {
                if (!("Bearer " + token).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                    exchange.sendResponseHeaders(401, -1);
                    return;
                }
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            }
        });
    }

    @AfterEach
    void stopKubelet() {
        kubelet.stop(0);
    }

    private Map<String, String> settings(String topic, Path caFile) {
        var settings = new HashMap<String, String>();
        settings.put("HEAPSTREAM_CLUSTER", "it-cluster");
        settings.put("HEAPSTREAM_NODE_NAME", "datagen-1-31");
        settings.put("HEAPSTREAM_KAFKA_BOOTSTRAP", TestServices.kafkaBootstrap());
        settings.put("HEAPSTREAM_RAW_TOPIC", topic);
        settings.put("HEAPSTREAM_KUBELET_URL", kubeletUrl("/stats/summary"));
        settings.put("HEAPSTREAM_KUBELET_TOKEN_FILE", tokenFile.toString());
        settings.put("HEAPSTREAM_KUBELET_CA_FILE", caFile.toString());
        settings.put("HEAPSTREAM_SCRAPE_INTERVAL", INTERVAL.toSeconds() + "s");
        settings.put("HEAPSTREAM_KUBELET_TIMEOUT", INTERVAL.toSeconds() + "s");
        settings.put("HEAPSTREAM_METADATA", "kubelet");
        return settings;
    }

    @Test
    void verifiedHttpsScrapeWithBearerTokenLandsEnrichedRecordsOnTheBroker() {
        String topic = TestServices.createTopic(TestServices.kafkaBootstrap(), TestServices.unique("raw_https"), 1);
        var registry = new SimpleMeterRegistry();
        try (var service = new CollectorService(CollectorConfig.fromMap(settings(topic, certificates.caPem())), registry)) {
            service.start();
            List<RawScrape> records = consume(topic, 2);

            assertThat(records).allSatisfy(r -> {
                assertThat(r.cluster()).isEqualTo("it-cluster");
                assertThat(r.node()).isEqualTo("datagen-1-31");
                assertThat(r.nodeStats().cpu().usageCoreNanoSeconds()).isEqualTo(76_877_443_000L);
                assertThat(r.pods()).hasSize(17).allSatisfy(p -> assertThat(p.meta()).isNotNull());
            });
            assertThat(records.get(1).scrapeTime()).isAfter(records.get(0).scrapeTime());
            await().until(service::ready);
            assertThat(registry.find("heapstream.collector.scrape.errors").counters()).isEmpty();
        }
    }

    @Test
    void certificateTheCaDoesNotVouchForIsRefused() throws Exception {
        var stranger = TestCertificates.create(dir, "stranger");
        String topic = TestServices.createTopic(TestServices.kafkaBootstrap(), TestServices.unique("raw_tls"), 1);
        var registry = new SimpleMeterRegistry();
        try (var service = new CollectorService(CollectorConfig.fromMap(settings(topic, stranger.caPem())), registry)) {
            service.start();

            await().atMost(Duration.ofSeconds(20)).until(() -> registry.find("heapstream.collector.scrape.errors")
                    .tag("reason", "tls").counter() != null);
            assertThat(registry.get("heapstream.collector.scrapes").counter().count()).isZero();
            assertThat(service.healthy()).isTrue();
        }
    }

    @Test
    void wrongTokenIsUnauthorized() throws Exception {
        String topic = TestServices.createTopic(TestServices.kafkaBootstrap(), TestServices.unique("raw_401"), 1);
        Files.writeString(tokenFile, "not-the-token");
        var registry = new SimpleMeterRegistry();
        try (var service = new CollectorService(CollectorConfig.fromMap(settings(topic, certificates.caPem())), registry)) {
            service.start();

            await().atMost(Duration.ofSeconds(20)).until(() -> registry.find("heapstream.collector.scrape.errors")
                    .tag("reason", "http_401").counter() != null);
            Files.writeString(tokenFile, token);
            await().atMost(Duration.ofSeconds(20)).until(() -> registry.get("heapstream.collector.scrapes").counter().count() > 0);
        }
    }

    private static List<RawScrape> consume(String topic, int atLeast) {
        var props = Map.<String, Object>of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestServices.kafkaBootstrap(),
                ConsumerConfig.GROUP_ID_CONFIG, TestServices.unique("it"),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        var records = new ArrayList<RawScrape>();
        try (var consumer = new KafkaConsumer<>(props, Topics.STRING.deserializer(), Topics.RAW_SCRAPE.deserializer())) {
            consumer.subscribe(List.of(topic));
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                consumer.poll(Duration.ofMillis(500)).forEach(r -> {
                    assertThat(r.key()).isEqualTo("it-cluster/datagen-1-31");
                    records.add(r.value());
                });
                return records.size() >= atLeast;
            });
        }
        return records;
    }
}
