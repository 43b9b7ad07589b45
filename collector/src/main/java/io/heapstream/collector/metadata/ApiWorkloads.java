package io.heapstream.collector.metadata;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.heapstream.collector.CollectorMetrics;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resolves a pod's top owner through the API server: ReplicaSet to its Deployment, Job to its CronJob.
 * Lookups are cached (an owner reference never changes), bounded to {@link #MAX_CACHED} entries. When a lookup
 * fails (RBAC, outage), the name-based guess of {@link Workload#guess} stands in and is not cached.
 */
final class ApiWorkloads {
    static final int MAX_CACHED = 1024;
    private static final Logger LOG = LoggerFactory.getLogger(ApiWorkloads.class);

    private final KubernetesClient client;
    private final CollectorMetrics metrics;
    private final Map<String, Workload> cache = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Workload> eldest) {
            return size() > MAX_CACHED;
        }
    };

    ApiWorkloads(KubernetesClient client, CollectorMetrics metrics) {
        this.client = client;
        this.metrics = metrics;
    }

    Workload resolve(PodDocument pod) {
        PodDocument.OwnerReference owner = pod.controller();
        if (owner == null || owner.kind() == null || owner.name() == null || owner.kind().equals("Node")) {
            return Workload.bare(pod);
        }
        if (!owner.kind().equals("ReplicaSet") && !owner.kind().equals("Job")) {
            return new Workload(owner.kind(), owner.name());
        }
        String key = owner.kind() + "/" + pod.metadata().namespace() + "/" + owner.name();
        synchronized (cache) {
            Workload cached = cache.get(key);
            if (cached != null) {
                return cached;
            }
        }
        try {
            Workload top = lookUp(pod.metadata().namespace(), owner);
            synchronized (cache) {
                cache.put(key, top);
            }
            return top;
        } catch (KubernetesClientException e) {
            metrics.metadataFailed("owner_lookup");
            LOG.warn("metadata=api owner={} reason=owner_lookup status={}", key, e.getCode());
            return Workload.guess(pod);
        }
    }

    private Workload lookUp(String namespace, PodDocument.OwnerReference owner) {
        HasMetadata parent = owner.kind().equals("ReplicaSet")
                ? client.apps().replicaSets().inNamespace(namespace).withName(owner.name()).get()
                : client.batch().v1().jobs().inNamespace(namespace).withName(owner.name()).get();
        if (parent == null) {
            // Gone already (a finished Job cleaned up, an old ReplicaSet): the pod's own owner is the best answer.
            return new Workload(owner.kind(), owner.name());
        }
        for (OwnerReference ref : parent.getMetadata().getOwnerReferences()) {
            if (Boolean.TRUE.equals(ref.getController())) {
                return new Workload(ref.getKind(), ref.getName());
            }
        }
        return new Workload(owner.kind(), owner.name());
    }
}
