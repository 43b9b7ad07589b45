package io.heapstream.bench.collector;

import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import io.heapstream.collector.CollectorMetrics;
import io.heapstream.collector.metadata.LabelFilter;
import io.heapstream.collector.metadata.PodMetadata;
import io.heapstream.collector.metadata.PodMetadataCache;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The collector side of {@code --metadata api} in the benchmark: the role's informer cache on the JDK HTTP
 * client (as {@link PodMetadataCache#connect} builds it), pointed at the mock API server. The cache's
 * constructor without the field selector is package-private (tests only), hence reflection.
 */
final class MockApi {
    private MockApi() { }

    static PodMetadata cache(String url, MeterRegistry registry) {
        KubernetesClient client = new KubernetesClientBuilder().withHttpClientFactory(new JdkHttpClientFactory())
                .withConfig(new ConfigBuilder().withMasterUrl(url).withAutoConfigure(false).build()).build();
        try {
            var constructor = PodMetadataCache.class.getDeclaredConstructor(KubernetesClient.class, boolean.class,
                    boolean.class, String.class, LabelFilter.class, CollectorMetrics.class);
            constructor.setAccessible(true);
            return constructor.newInstance(client, true, false, "node", LabelFilter.ALL, new CollectorMetrics(registry));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
