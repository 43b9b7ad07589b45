package io.heapstream.collector.pool;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeAddress;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.ReducedStateItemStore;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cluster's nodes and their Summary URLs, listed and watched from the API server (one informer, needs
 * {@code list} and {@code watch} on nodes). Only each Node's addresses and kubelet port are kept: a Node's
 * status also lists every image it holds, tens of KB that a thousand-node pool has no use for.
 */
public final class NodeDirectory implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(NodeDirectory.class);
    static final int DEFAULT_KUBELET_PORT = 10250;

    private final KubernetesClient client;
    private final boolean ownsClient;
    private final PoolConfig pool;
    private SharedIndexInformer<Node> informer;

    public NodeDirectory(KubernetesClient client, boolean ownsClient, PoolConfig pool) {
        this.client = client;
        this.ownsClient = ownsClient;
        this.pool = pool;
    }

    /** Starts the informer; returns before the first list. */
    public void start() {
        informer = client.nodes().runnableInformer(0).itemStore(new ReducedStateItemStore<>(
                ReducedStateItemStore.NAME_KEY_STATE, Node.class, client.getKubernetesSerialization(),
                "status.addresses", "status.daemonEndpoints"));
        informer.start().whenComplete((ok, e) -> {
            if (e != null) {
                LOG.warn("node list failed (retried): detail={}", e.toString());
            } else {
                LOG.info("nodes listed count={}", informer.getStore().list().size());
            }
        });
    }

    public boolean synced() {
        return informer != null && informer.hasSynced();
    }

    /** Every node known now, name to Summary URL. */
    public Map<String, URI> nodes() {
        if (informer == null) {
            return Map.of();
        }
        return informer.getStore().list().stream()
                .collect(Collectors.toMap(n -> n.getMetadata().getName(), this::summaryUrl, (a, b) -> a));
    }

    URI summaryUrl(Node node) {
        String name = node.getMetadata().getName();
        var status = node.getStatus();
        List<NodeAddress> addresses = status == null || status.getAddresses() == null ? List.of() : status.getAddresses();
        // the InternalIP, as the kubelet's serving certificate names it; else whatever the node reports
        String address = addresses.stream().filter(a -> "InternalIP".equals(a.getType())).map(NodeAddress::getAddress)
                .findFirst().orElse(addresses.stream().map(NodeAddress::getAddress).filter(Objects::nonNull)
                        .findFirst().orElse(name));
        Integer port = status == null || status.getDaemonEndpoints() == null
                || status.getDaemonEndpoints().getKubeletEndpoint() == null ? null
                : status.getDaemonEndpoints().getKubeletEndpoint().getPort();
        return pool.summaryUrl(name, address, port == null || port == 0 ? DEFAULT_KUBELET_PORT : port);
    }

    @Override
    public void close() {
        if (informer != null) {
            informer.close();
        }
        if (ownsClient) {
            client.close();
        }
    }
}
