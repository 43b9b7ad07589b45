package io.heapstream.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.heapstream.collector.CollectorMetrics;
import io.heapstream.collector.ScrapeLoop;
import io.heapstream.collector.kubelet.KubeletClient;
import io.heapstream.collector.metadata.KubeletPodMetadata;
import io.heapstream.collector.metadata.LabelFilter;
import io.heapstream.collector.metadata.PodMetadata;
import io.heapstream.collector.publish.ProducerSettings;
import io.heapstream.collector.publish.RawPublisher;
import io.heapstream.model.Topics;
import io.heapstream.simulator.KubeletSimulator;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;
import org.apache.kafka.clients.producer.KafkaProducer;

/**
 * One real collector per simulated node — kubelet HTTP client, {@code --metadata kubelet} enrichment from the
 * node's {@code /pods}, the publisher and its producer, the scrape loop's own {@link ScrapeLoop#scrape} — wired as
 * {@code CollectorService} wires them, except that the test, not the wall clock, says when a slot comes. Each
 * {@link #scrape} returns once the broker has acknowledged every node's record of the slot, so no scrape can
 * arrive after a later one and nothing is late: the run is the same every time.
 */
public final class SteppedCollectors implements AutoCloseable {
    private record Collector(String key, ScrapeLoop loop, RawPublisher publisher, CollectorMetrics metrics) { }

    /** A node to collect from: its summary URL and where its pods' metadata comes from. */
    public record Target(String cluster, String node, URI summaryUrl, PodMetadata metadata) { }

    private final List<Collector> collectors = new ArrayList<>();

    /** One collector per simulated node, with {@code --metadata kubelet} from the node's {@code /pods}. */
    public SteppedCollectors(KubeletSimulator kubelets, String bootstrap, String rawTopic, Clock clock) {
        this(kubelets, bootstrap, rawTopic, clock, key -> 64L << 20);
    }

    /** As above, with each publisher's {@code --buffer-max-bytes} by node key ({@code cluster/node}). */
    public SteppedCollectors(KubeletSimulator kubelets, String bootstrap, String rawTopic, Clock clock,
                             ToLongFunction<String> bufferBytesOfNode) {
        this(kubelets.fleet().nodeRefs().stream().map(node -> {
            var base = kubelets.kubeletUrl(node.cluster(), node.node());
            var metadata = new KubeletPodMetadata(client(), URI.create(base + "/pods"), Duration.ofSeconds(60),
                    LabelFilter.ALL, new CollectorMetrics(new SimpleMeterRegistry()), clock);
            return new Target(node.cluster(), node.node(), URI.create(base + "/stats/summary"), metadata);
        }).toList(), kubelets.fleet().spec().scrapeInterval(), bootstrap, rawTopic, clock, bufferBytesOfNode);
    }

    /** One collector per target, scraping on {@code interval}'s grid; the caller starts the metadata sources. */
    public SteppedCollectors(List<Target> targets, Duration interval, String bootstrap, String rawTopic,
                             Clock clock) {
        this(targets, interval, bootstrap, rawTopic, clock, key -> 64L << 20);
    }

    private SteppedCollectors(List<Target> targets, Duration interval, String bootstrap, String rawTopic,
                              Clock clock, ToLongFunction<String> bufferBytesOfNode) {
        for (var target : targets) {
            var key = target.cluster() + "/" + target.node();
            long bufferBytes = bufferBytesOfNode.applyAsLong(key);
            var metrics = new CollectorMetrics(new SimpleMeterRegistry());
            var producer = new KafkaProducer<String, byte[]>(ProducerSettings.of(bootstrap,
                    "e2e-collector-" + target.cluster() + "-" + target.node(), "zstd", Map.of()));
            var publisher = new RawPublisher(producer, Topics.raw(rawTopic), bufferBytes,
                    ProducerSettings.DELIVERY_TIMEOUT.plusSeconds(5), metrics);
            publisher.start();
            var loop = new ScrapeLoop(target.cluster(), target.node(), target.summaryUrl(), interval, client(),
                    target.metadata(), publisher, metrics, clock);
            collectors.add(new Collector(key, loop, publisher, metrics));
        }
    }

    private static KubeletClient client() {
        return new KubeletClient(new KubeletClient.Settings(null, null, false, Duration.ofSeconds(10), 32L << 20));
    }

    /** Every node scrapes {@code slot}; returns when the broker has all of them. */
    public void scrape(Instant slot) {
        publish(slot);
        awaitDelivered(Duration.ofSeconds(60));
    }

    /** Every node scrapes {@code slot} and hands the record to its publisher, as the collector's loop does. */
    public void publish(Instant slot) {
        collectors.parallelStream().forEach(c ->
                assertThat(c.loop().scrape(slot)).as("scrape of " + c.key() + " at " + slot).isTrue());
    }

    /** Records each node's publisher dropped (heapstream_collector_buffer_dropped_total), by node key. */
    public Map<String, Long> dropped() {
        var dropped = new java.util.TreeMap<String, Long>();
        collectors.forEach(c -> dropped.put(c.key(), (long) c.metrics().registry()
                .get("heapstream.collector.buffer.dropped").counter().count()));
        return dropped;
    }

    /** Returns once every publisher's buffer is empty. */
    public void awaitDelivered(Duration atMost) {
        await().atMost(atMost).pollInterval(Duration.ofMillis(5))
                .until(() -> collectors.stream().allMatch(c -> c.publisher().bufferedRecords() == 0));
    }

    @Override
    public void close() {
        collectors.forEach(c -> c.publisher().close(Duration.ofSeconds(5)));
    }
}
