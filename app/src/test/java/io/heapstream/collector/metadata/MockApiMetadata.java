package io.heapstream.collector.metadata;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.heapstream.collector.CollectorMetrics;

/**
 * {@code --metadata api} on fabric8's mock API server, for tests outside the collector module: the mock does not
 * implement the {@code spec.nodeName} field selector, so the cache lists every pod and keeps its node's own
 * (the package-private constructor that {@code PodMetadataCacheTest} uses too).
 */
public final class MockApiMetadata {
    private MockApiMetadata() { }

    public static PodMetadataCache of(KubernetesClient mockClient, String nodeName, CollectorMetrics metrics) {
        return new PodMetadataCache(mockClient, false, false, nodeName, LabelFilter.ALL, metrics);
    }
}
