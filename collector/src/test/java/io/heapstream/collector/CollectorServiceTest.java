package io.heapstream.collector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.heapstream.testkit.Fixtures;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Start and stop are idempotent, and the service lives on without a broker. */
class CollectorServiceTest {

    private static Map<String, String> settings(FakeKubelet kubelet, String bootstrap) {
        var settings = new HashMap<String, String>();
        settings.put("HEAPSTREAM_CLUSTER", "c1");
        settings.put("HEAPSTREAM_NODE_NAME", "n1");
        settings.put("HEAPSTREAM_KUBELET_URL", kubelet.summaryUrl().toString());
        settings.put("HEAPSTREAM_KAFKA_BOOTSTRAP", bootstrap);
        settings.put("HEAPSTREAM_SCRAPE_INTERVAL", "500ms");
        settings.put("HEAPSTREAM_KUBELET_TIMEOUT", "500ms");
        settings.put("HEAPSTREAM_METADATA", "off");
        return settings;
    }

    private static String closedPort() throws Exception {
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return "127.0.0.1:" + socket.getLocalPort();
        }
    }

    @Test
    void withoutABrokerTheServiceKeepsScrapingAndStaysHealthy() throws Exception {
        try (var kubelet = new FakeKubelet()) {
            kubelet.summary(FakeKubelet.body(Fixtures.bytes("elastic-beats/gke-derived/stats-summary-multiple-containers.json")));
            var registry = new SimpleMeterRegistry();
            var service = new CollectorService(CollectorConfig.fromMap(settings(kubelet, closedPort())), registry);

            service.start();
            service.start();
            await().atMost(Duration.ofSeconds(20)).until(() -> registry.get("heapstream.collector.scrapes").counter().count() >= 3);

            assertThat(service.healthy()).isTrue();
            assertThat(service.ready()).isTrue();
            assertThat(service.publisher().bufferedRecords()).isPositive();
            service.close();
            service.close();
            assertThat(service.healthy()).isFalse();
        }
    }

    @Test
    void collectorWhoseEveryScrapeFailsIsHealthyButNotReady() throws Exception {
        try (var kubelet = new FakeKubelet()) {
            kubelet.summary(FakeKubelet.status(500));
            var registry = new SimpleMeterRegistry();
            var service = new CollectorService(CollectorConfig.fromMap(settings(kubelet, closedPort())), registry);

            service.start();
            await().atMost(Duration.ofSeconds(20)).until(() -> scrapeErrors(registry) >= 3);

            assertThat(service.healthy()).isTrue();
            assertThat(service.ready()).isFalse();
            service.close();
        }
    }

    @Test
    void readinessLapsesWhenScrapesStartFailingAndReturnsWithTheNextSuccess() throws Exception {
        try (var kubelet = new FakeKubelet()) {
            var good = FakeKubelet.body(Fixtures.bytes("elastic-beats/gke-derived/stats-summary-multiple-containers.json"));
            kubelet.summary(good);
            var service = new CollectorService(CollectorConfig.fromMap(settings(kubelet, closedPort())),
                    new SimpleMeterRegistry());
            service.start();
            await().atMost(Duration.ofSeconds(20)).until(service::ready);

            kubelet.summary(FakeKubelet.status(500));   // 3 intervals of 500 ms without a success: not ready
            await().atMost(Duration.ofSeconds(20)).until(() -> !service.ready());
            kubelet.summary(good);
            await().atMost(Duration.ofSeconds(20)).until(service::ready);
            service.close();
        }
    }

    @Test
    void skippedCertificateChecksAreAWarnAndAGauge() throws Exception {
        try (var kubelet = new FakeKubelet()) {
            var settings = settings(kubelet, closedPort());
            settings.put("HEAPSTREAM_KUBELET_URL", "https://127.0.0.1:" + closedPort().split(":")[1] + "/stats/summary");
            settings.put("HEAPSTREAM_KUBELET_INSECURE_SKIP_VERIFY", "true");
            var registry = new SimpleMeterRegistry();
            var logs = new ListAppender<ILoggingEvent>();
            logs.start();
            var logger = (Logger) LoggerFactory.getLogger("io.heapstream.collector");
            logger.addAppender(logs);
            var service = new CollectorService(CollectorConfig.fromMap(settings), registry);
            try {
                service.start();
            } finally {
                service.close();
                logger.detachAppender(logs);
            }

            assertThat(registry.get("heapstream.collector.kubelet.insecure").gauge().value()).isEqualTo(1.0);
            assertThat(logs.list).anySatisfy(line -> {
                assertThat(line.getLevel().toString()).isEqualTo("WARN");
                assertThat(line.getFormattedMessage()).contains("INSECURE", "--kubelet-insecure-skip-verify");
            });
        }
    }

    private static double scrapeErrors(SimpleMeterRegistry registry) {
        return registry.find("heapstream.collector.scrape.errors").counters().stream().mapToDouble(c -> c.count()).sum();
    }

    @Test
    void startThatFailsClosesWhatItOpenedAndSaysWhy() throws Exception {
        try (var kubelet = new FakeKubelet()) {
            var service = new CollectorService(CollectorConfig.fromMap(settings(kubelet, "no port here")),
                    new SimpleMeterRegistry());

            assertThatThrownBy(service::start).hasMessageContaining("--kafka-bootstrap").hasMessageContaining("no port here");
            assertThat(service.healthy()).isFalse();
            service.close();
        }
    }
}
