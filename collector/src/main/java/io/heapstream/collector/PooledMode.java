package io.heapstream.collector;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import io.heapstream.collector.kubelet.KubeletClient;
import io.heapstream.collector.metadata.KubeletPodMetadata;
import io.heapstream.collector.metadata.PodMetadata;
import io.heapstream.collector.pool.NodeDirectory;
import io.heapstream.collector.pool.PooledCollector;
import io.heapstream.collector.pool.ShardMembership;
import io.heapstream.collector.publish.RawPublisher;
import java.net.URI;
import java.time.Clock;
import java.util.HashMap;
import java.util.function.Supplier;
import org.apache.kafka.clients.CommonClientConfigs;

/** Wires {@code --mode pooled}: the node directory, the shard group and a daemonset scrape loop per node held. */
final class PooledMode {
    private PooledMode() { }

    static PooledCollector open(CollectorConfig config, KubeletClient kubelet, RawPublisher publisher,
                                CollectorMetrics metrics, Clock clock, Supplier<KubernetesClient> apiClient) {
        var pool = config.pool();
        KubernetesClient client = apiClient != null ? apiClient.get()
                : new KubernetesClientBuilder().withHttpClientFactory(new JdkHttpClientFactory()).build();
        var directory = new NodeDirectory(client, apiClient == null, pool);
        var kafka = new HashMap<String, Object>(config.kafkaProperties());
        kafka.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, config.kafkaBootstrap());
        // one group per cluster: clusters sharing a broker (and the shard topic) shard their own nodes
        var membership = new ShardMembership(kafka, pool.shardTopic(), pool.shards(),
                "heapstream-collector-" + config.cluster(), config.scrapeInterval(), config.nodeName());
        var collector = new PooledCollector(directory, membership, pool.workers(), config.scrapeInterval(), clock,
                (node, url) -> scraper(config, kubelet, publisher, metrics, clock, node, url));
        try {
            collector.start();
        } catch (RuntimeException e) {
            collector.close();
            throw e;
        }
        return collector;
    }

    private static PooledCollector.NodeScraper scraper(CollectorConfig config, KubeletClient kubelet,
                                                       RawPublisher publisher, CollectorMetrics metrics, Clock clock,
                                                       String node, URI summaryUrl) {
        PodMetadata metadata = switch (config.metadata()) {
            case KUBELET -> new KubeletPodMetadata(kubelet,
                    URI.create(CollectorConfig.podsUrlText(summaryUrl)),
                    config.metadataRefresh(), config.labels(), metrics, clock);
            // refused by CollectorConfig: per-node informers for every node of a shard
            case API -> throw new IllegalStateException("--metadata api with --mode pooled");
            case OFF -> PodMetadata.off();
        };
        metadata.start();
        var loop = new ScrapeLoop(config.cluster(), node, summaryUrl, config.scrapeInterval(), kubelet, metadata,
                publisher, metrics, clock);
        return new PooledCollector.NodeScraper(summaryUrl, loop, metadata);
    }
}
