package io.heapstream.collector;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.heapstream.collector.kubelet.KubeletClient;
import io.heapstream.collector.metadata.PodMetadata;
import io.heapstream.model.Json;
import io.heapstream.model.raw.RawScrape;
import io.heapstream.testkit.Fixtures;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Each way a kubelet answers badly: the scrape fails with one WARN line and a counter by reason, and the next
 * scrape of a good answer succeeds with absent values still absent.
 */
class ScrapeLoopBadInputTest {
    private static final String TOKEN = "s3cr3t-token-value";
    private static final byte[] WINDOWS = Fixtures.bytes("datadog-integrations-core/windows-eks/stats-summary.json");
    private static final Instant SLOT = Instant.parse("2024-05-01T10:00:15Z");

    @TempDir
    Path dir;
    private FakeKubelet kubelet;
    private SimpleMeterRegistry registry;
    private List<RawScrape> published;
    private ScrapeLoop loop;
    private ListAppender<ILoggingEvent> logs;

    @BeforeEach
    void setUp() throws Exception {
        kubelet = new FakeKubelet();
        registry = new SimpleMeterRegistry();
        published = new ArrayList<>();
        Path token = Files.writeString(dir.resolve("token"), TOKEN + "\n");
        // The fake kubelet speaks plain http: the token goes in clear only because this test allows it.
        var client = new KubeletClient(new KubeletClient.Settings(token, null, false, Duration.ofMillis(700),
                64 * 1024, true));
        loop = new ScrapeLoop("c1", "win-node", kubelet.summaryUrl(), Duration.ofSeconds(15), client,
                PodMetadata.off(), published::add, new CollectorMetrics(registry),
                Clock.fixed(SLOT, ZoneOffset.UTC));
        logs = new ListAppender<>();
        logs.start();
        ((Logger) LoggerFactory.getLogger(ScrapeLoop.class)).addAppender(logs);
    }

    @AfterEach
    void tearDown() {
        ((Logger) LoggerFactory.getLogger(ScrapeLoop.class)).detachAppender(logs);
        kubelet.close();
    }

    private double errors(String reason) {
        var counter = registry.find("heapstream.collector.scrape.errors").tag("reason", reason).counter();
        return counter == null ? 0 : counter.count();
    }

    private void failsWith(String reason) {
        assertThat(loop.scrape(SLOT)).isFalse();
        assertThat(errors(reason)).isEqualTo(1.0);
        assertThat(published).isEmpty();
        assertThat(logs.list).singleElement().satisfies(line -> {
            assertThat(line.getLevel().toString()).isEqualTo("WARN");
            assertThat(line.getFormattedMessage()).contains("node=win-node", "reason=" + reason).doesNotContain(TOKEN);
        });
    }

    private void nextScrapeSucceedsWithAbsentValuesAbsent() throws Exception {
        kubelet.summary(FakeKubelet.body(WINDOWS));
        assertThat(loop.scrape(SLOT.plusSeconds(15))).isTrue();
        assertThat(published).singleElement().satisfies(scrape -> {
            assertThat(scrape.scrapeTime()).isEqualTo(SLOT.plusSeconds(15));
            var agent = scrape.pods().stream().flatMap(p -> p.containers().stream())
                    .filter(c -> c.name().equals("process-agent")).findFirst().orElseThrow();
            assertThat(agent.memory().rssBytes()).isNull();
            assertThat(agent.cpu().usageNanoCores()).isNull();
            var json = Json.mapper().readTree(Json.mapper().writeValueAsBytes(scrape));
            var cpu = json.at("/pods/0/containers").findValues("cpu");
            assertThat(json.at("/nodeStats/network").has("rxBytes")).isFalse();
            assertThat(cpu).isNotEmpty();
        });
        assertThat(registry.get("heapstream.collector.scrapes").counter().count()).isEqualTo(1.0);
    }

    @Test
    void timeoutIsCountedAndTheNextScrapeSucceeds() throws Exception {
        kubelet.summary(kubelet.hang());
        failsWith("timeout");
        nextScrapeSucceedsWithAbsentValuesAbsent();
    }

    @Test
    void bodyThatStallsHalfwayIsATimeout() throws Exception {
        kubelet.summary(kubelet.stallMidBody(WINDOWS));
        failsWith("timeout");
        nextScrapeSucceedsWithAbsentValuesAbsent();
    }

    @Test
    void unauthorizedIsCountedAndTheNextScrapeSucceeds() throws Exception {
        kubelet.summary(FakeKubelet.status(401));
        failsWith("http_401");
        nextScrapeSucceedsWithAbsentValuesAbsent();
    }

    @Test
    void forbiddenIsCountedAndTheNextScrapeSucceeds() throws Exception {
        kubelet.summary(FakeKubelet.status(403));
        failsWith("http_403");
        nextScrapeSucceedsWithAbsentValuesAbsent();
    }

    @Test
    void serverErrorIsCountedAndTheNextScrapeSucceeds() throws Exception {
        kubelet.summary(FakeKubelet.status(500));
        failsWith("http_5xx");
        nextScrapeSucceedsWithAbsentValuesAbsent();
    }

    @Test
    void truncatedJsonIsCountedAndTheNextScrapeSucceeds() throws Exception {
        kubelet.summary(FakeKubelet.body(Arrays.copyOf(WINDOWS, WINDOWS.length - 40)));
        failsWith("truncated");
        nextScrapeSucceedsWithAbsentValuesAbsent();
    }

    @Test
    void malformedJsonIsCountedAndTheNextScrapeSucceeds() throws Exception {
        kubelet.summary(FakeKubelet.body("{\"node\": {\"nodeName\": nope}}".getBytes(StandardCharsets.UTF_8)));
        failsWith("malformed");
        nextScrapeSucceedsWithAbsentValuesAbsent();
    }

    @Test
    void hugeResponseIsAbandonedCountedAndTheNextScrapeSucceeds() throws Exception {
        byte[] huge = new byte[1 << 20];
        Arrays.fill(huge, (byte) ' ');
        kubelet.summary(FakeKubelet.body(huge));
        failsWith("too_large");
        nextScrapeSucceedsWithAbsentValuesAbsent();
    }

    @Test
    void unreachableKubeletIsAConnectError() throws Exception {
        int port;
        try (var socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        var client = new KubeletClient(new KubeletClient.Settings(null, null, false, Duration.ofSeconds(2), 1024));
        var closedPort = new ScrapeLoop("c1", "win-node", java.net.URI.create("http://127.0.0.1:" + port + "/stats/summary"),
                Duration.ofSeconds(15), client, PodMetadata.off(), published::add, new CollectorMetrics(registry),
                Clock.systemUTC());

        assertThat(closedPort.scrape(SLOT)).isFalse();
        assertThat(errors("connect")).isEqualTo(1.0);
    }

    @Test
    void podWithoutANameIsLeftOutAndCountedWhileTheRestIsPublished() {
        kubelet.summary(FakeKubelet.body(("{\"node\":{\"nodeName\":\"win-node\"},\"pods\":["
                + "{\"podRef\":{\"namespace\":\"ns\"}},{\"podRef\":{\"name\":\"ok\",\"namespace\":\"ns\"}}]}")
                .getBytes(StandardCharsets.UTF_8)));

        assertThat(loop.scrape(SLOT)).isTrue();
        assertThat(published).singleElement().satisfies(s -> assertThat(s.pods()).hasSize(1));
        assertThat(registry.get("heapstream.collector.pods.skipped").counter().count()).isEqualTo(1.0);
    }

    @Test
    void tokenIsReadAgainOnEveryScrapeSoRotationWorks() throws Exception {
        kubelet.summary(FakeKubelet.body(WINDOWS));
        loop.scrape(SLOT);
        Files.writeString(dir.resolve("token"), "rotated-token");
        loop.scrape(SLOT.plusSeconds(15));

        assertThat(kubelet.authorizations).containsExactly("Bearer " + TOKEN, "Bearer rotated-token");
    }

    @Test
    void tokenIsNotSentToAPlainHttpKubeletUnlessAllowed() throws Exception {
        kubelet.summary(FakeKubelet.body(WINDOWS));
        var client = new KubeletClient(new KubeletClient.Settings(dir.resolve("token"), null, false,
                Duration.ofMillis(700), 64 * 1024));
        loop = new ScrapeLoop("c1", "win-node", kubelet.summaryUrl(), Duration.ofSeconds(15), client,
                PodMetadata.off(), published::add, new CollectorMetrics(registry), Clock.fixed(SLOT, ZoneOffset.UTC));

        failsWith("plaintext_token");
        assertThat(kubelet.authorizations).isEmpty();
        assertThat(logs.list.get(0).getFormattedMessage()).contains("--kubelet-allow-plaintext-token");
    }
}
