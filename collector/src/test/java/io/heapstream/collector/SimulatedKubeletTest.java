package io.heapstream.collector;

import static org.assertj.core.api.Assertions.assertThat;

import io.heapstream.collector.kubelet.KubeletClient;
import io.heapstream.collector.metadata.KubeletPodMetadata;
import io.heapstream.collector.metadata.LabelFilter;
import io.heapstream.model.raw.PodStats;
import io.heapstream.model.raw.RawScrape;
import io.heapstream.simulator.Fleet;
import io.heapstream.simulator.FleetSpec;
import io.heapstream.simulator.KubeletSimulator;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The test kit's kubelet simulator (which the demo and the end-to-end test scrape) read by the collector in
 * {@code --metadata kubelet} mode gives the record the simulator says a collector should publish.
 */
class SimulatedKubeletTest {
    private static final Instant SLOT = Instant.parse("2026-01-01T00:10:00Z");

    @Test
    void collectorInKubeletModeReadsWhatTheSimulatorServes() throws Exception {
        var fleet = new Fleet(FleetSpec.of(1, 1, 12, 2), SLOT.minusSeconds(600));
        String cluster = fleet.clusters().get(0);
        String node = fleet.nodes(cluster).get(0);
        var clock = Clock.fixed(SLOT, ZoneOffset.UTC);
        try (var simulator = KubeletSimulator.start(fleet, clock)) {
            String base = simulator.kubeletUrl(cluster, node);
            var registry = new SimpleMeterRegistry();
            var metrics = new CollectorMetrics(registry);
            var client = new KubeletClient(new KubeletClient.Settings(null, null, false, Duration.ofSeconds(5), 8 << 20));
            var metadata = new KubeletPodMetadata(client, URI.create(base + "/pods"), Duration.ofSeconds(60),
                    LabelFilter.ALL, metrics, clock);
            List<RawScrape> published = new ArrayList<>();
            var loop = new ScrapeLoop(cluster, node, URI.create(base + "/stats/summary"), Duration.ofSeconds(15),
                    client, metadata, published::add, metrics, clock);

            assertThat(loop.scrape(SLOT)).isTrue();

            RawScrape expected = fleet.scrape(cluster, node, SLOT);
            RawScrape actual = published.get(0);
            Map<String, PodStats> expectedPods = byName(expected.pods());
            assertThat(byName(actual.pods())).containsOnlyKeys(expectedPods.keySet());
            for (PodStats pod : actual.pods()) {
                PodStats want = expectedPods.get(pod.podRef().name());
                assertThat(pod.containers()).isEqualTo(want.containers());
                assertThat(pod.network()).isEqualTo(want.network());
                assertThat(pod.meta()).as("meta of %s", pod.podRef().name()).isNotNull();
                assertThat(pod.meta().workloadKind()).isEqualTo(want.meta().workloadKind());
                assertThat(pod.meta().workloadName()).isEqualTo(want.meta().workloadName());
                assertThat(pod.meta().qosClass()).isEqualTo(want.meta().qosClass());
                assertThat(pod.meta().containers()).isEqualTo(want.meta().containers());
                assertThat(pod.meta().labels()).isEqualTo(want.meta().labels());
            }
            assertThat(actual.nodeStats().cpu()).isEqualTo(expected.nodeStats().cpu());
            assertThat(registry.find("heapstream.collector.scrape.errors").counters()).isEmpty();
        }
    }

    private static Map<String, PodStats> byName(List<PodStats> pods) {
        return pods.stream().collect(Collectors.toMap(p -> p.podRef().name(), Function.identity()));
    }
}
