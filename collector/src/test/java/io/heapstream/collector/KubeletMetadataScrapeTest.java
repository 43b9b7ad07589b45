package io.heapstream.collector;

import io.heapstream.simulator.ManualClock;
import static org.assertj.core.api.Assertions.assertThat;

import io.heapstream.collector.kubelet.KubeletClient;
import io.heapstream.collector.metadata.KubeletPodMetadata;
import io.heapstream.collector.metadata.LabelFilter;
import io.heapstream.model.raw.PodStats;
import io.heapstream.model.raw.RawScrape;
import io.heapstream.testkit.Fixtures;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code --metadata kubelet}: the summary enriched from the kubelet's {@code /pods}, fetched only when needed. */
class KubeletMetadataScrapeTest {
    private static final Instant T0 = Instant.parse("2025-11-04T19:15:30Z");

    private final FakeKubelet kubelet = newKubelet();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final ManualClock clock = new ManualClock(T0);
    private final List<RawScrape> published = new ArrayList<>();
    private final ScrapeLoop loop = loop();

    private static FakeKubelet newKubelet() {
        try {
            return new FakeKubelet();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private ScrapeLoop loop() {
        var client = new KubeletClient(new KubeletClient.Settings(null, null, false, Duration.ofSeconds(2), 8 << 20));
        var metrics = new CollectorMetrics(registry);
        var metadata = new KubeletPodMetadata(client, kubelet.podsUrl(), Duration.ofSeconds(60), LabelFilter.ALL,
                metrics, clock);
        return new ScrapeLoop("c1", "datagen-1-31", kubelet.summaryUrl(), Duration.ofSeconds(15), client, metadata,
                published::add, metrics, clock);
    }

    @AfterEach
    void close() {
        kubelet.close();
    }

    private void serve(String folder) {
        kubelet.summary(FakeKubelet.body(Fixtures.bytes("nri-kubernetes/" + folder + "/stats-summary.json")));
        kubelet.pods(FakeKubelet.body(Fixtures.bytes("nri-kubernetes/" + folder + "/kubelet-pods.json")));
    }

    private boolean scrapeNext() {
        boolean ok = loop.scrape(ScrapeLoop.nextSlot(clock.instant(), Duration.ofSeconds(15)));
        clock.advance(Duration.ofSeconds(15));
        return ok;
    }

    private double counter(String name) {
        var c = registry.find(name).counter();
        return c == null ? 0 : c.count();
    }

    @Test
    void everyPodOfTheSummaryIsEnrichedFromTheKubeletsPodList() {
        serve("k8s-1_31");

        assertThat(scrapeNext()).isTrue();

        var scrape = published.get(0);
        assertThat(scrape.pods()).hasSize(17).allSatisfy(p -> assertThat(p.meta()).isNotNull());
        var deployment = scrape.pods().stream().filter(p -> p.podRef().name().equals("e2e-deployment-7788bdb6df-fqlfk"))
                .findFirst().orElseThrow();
        assertThat(deployment.meta().workloadKind()).isEqualTo("Deployment");
        assertThat(deployment.meta().workloadName()).isEqualTo("e2e-deployment");
        assertThat(deployment.meta().containers().get("compute-pi-digits").cpuLimitMillicores()).isEqualTo(80L);
        assertThat(scrape.nodeStats().meta()).isNull();
        assertThat(counter("heapstream.collector.pods.unenriched")).isZero();
    }

    @Test
    void podListIsFetchedAgainOnlyWhenStale() {
        serve("k8s-1_31");

        scrapeNext();
        scrapeNext();
        scrapeNext();
        scrapeNext();
        int afterOneMinute = kubelet.authorizations.size();
        scrapeNext();

        // 4 summaries + 1 pod list in the first minute; at 60 s the list is stale and fetched again.
        assertThat(afterOneMinute).isEqualTo(5);
        assertThat(kubelet.authorizations).hasSize(7);
    }

    @Test
    void podsTheKubeletListDoesNotKnowAreReportedWithoutMetadata() {
        serve("minikube-older");

        assertThat(scrapeNext()).isTrue();

        var pods = published.get(0).pods();
        assertThat(pods).hasSize(8);
        assertThat(pods.stream().filter(p -> p.meta() != null).map(p -> p.podRef().name()))
                .containsExactlyInAnyOrder("kube-state-metrics-57f4659995-6n2qq", "newrelic-infra-rz225");
        assertThat(counter("heapstream.collector.pods.unenriched")).isEqualTo(6.0);
    }

    @Test
    void failingPodListLeavesPodsUnenrichedAndIsCounted() {
        serve("k8s-1_31");
        kubelet.pods(FakeKubelet.status(403));

        assertThat(scrapeNext()).isTrue();

        assertThat(published.get(0).pods()).extracting(PodStats::meta).containsOnlyNulls();
        assertThat(registry.get("heapstream.collector.metadata.errors").tag("reason", "http_403").counter().count())
                .isEqualTo(1.0);
    }
}
