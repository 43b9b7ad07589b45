package io.heapstream.collector.metadata;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import io.heapstream.collector.CollectorMetrics;
import io.heapstream.model.raw.NodeMeta;
import io.heapstream.model.raw.PodMeta;
import io.heapstream.model.raw.PodRef;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code --metadata api}: fabric8 informers on the pods of this node only (field selector
 * {@code spec.nodeName}) and on its own Node. Pods are converted to {@link PodMeta} when they change, not on
 * every scrape, so a scrape only does map lookups. Start does not wait for the first list: until the informer
 * has synced, pods are reported without metadata. A failing API server is retried by the informer for ever.
 */
public final class PodMetadataCache implements PodMetadata {
    private static final Logger LOG = LoggerFactory.getLogger(PodMetadataCache.class);

    private final KubernetesClient client;
    private final String nodeName;
    private final LabelFilter labels;
    private final CollectorMetrics metrics;
    private final ApiWorkloads workloads;
    private final Map<String, PodMeta> pods = new ConcurrentHashMap<>();
    private final AtomicInteger pending = new AtomicInteger();
    private final ExecutorService resolver = Executors.newSingleThreadExecutor(runnable -> {
        var thread = new Thread(runnable, "pod-metadata");
        thread.setDaemon(true);
        return thread;
    });
    private volatile NodeMeta node;
    private volatile boolean synced;
    private final boolean ownsClient;
    private final boolean nodeFieldSelector;
    private SharedIndexInformer<Pod> podInformer;
    private SharedIndexInformer<Node> nodeInformer;

    public PodMetadataCache(KubernetesClient client, String nodeName, LabelFilter labels, CollectorMetrics metrics) {
        this(client, false, true, nodeName, labels, metrics);
    }

    /**
     * @param nodeFieldSelector {@code false} only for fabric8's mock API server, which does not implement the
     *                          {@code spec.nodeName} field selector; the handler's own node check then filters
     */
    PodMetadataCache(KubernetesClient client, boolean ownsClient, boolean nodeFieldSelector, String nodeName,
                     LabelFilter labels, CollectorMetrics metrics) {
        this.client = client;
        this.ownsClient = ownsClient;
        this.nodeFieldSelector = nodeFieldSelector;
        this.nodeName = nodeName;
        this.labels = labels;
        this.metrics = metrics;
        this.workloads = new ApiWorkloads(client, metrics);
    }

    /**
     * With a client configured the usual fabric8 way (in a pod: the service account; else kubeconfig), on the
     * JDK's HTTP client. Closed with this cache.
     */
    public static PodMetadataCache connect(String nodeName, LabelFilter labels, CollectorMetrics metrics) {
        KubernetesClient client = new KubernetesClientBuilder().withHttpClientFactory(new JdkHttpClientFactory()).build();
        return new PodMetadataCache(client, true, true, nodeName, labels, metrics);
    }

    @Override
    public synchronized void start() {
        if (podInformer != null) {
            return;
        }
        var allPods = client.pods().inAnyNamespace();
        podInformer = (nodeFieldSelector ? allPods.withField("spec.nodeName", nodeName) : allPods).runnableInformer(0);
        podInformer.addEventHandler(new PodHandler());
        podInformer.exceptionHandler((started, error) -> retry("pods", error));
        nodeInformer = client.nodes().withName(nodeName).runnableInformer(0);
        nodeInformer.addEventHandler(new NodeHandler());
        nodeInformer.exceptionHandler((started, error) -> retry("node", error));
        podInformer.start();
        nodeInformer.start();
        LOG.info("metadata=api node={} informers started (pods with spec.nodeName, the Node)", nodeName);
    }

    private boolean retry(String what, Throwable error) {
        metrics.metadataFailed("informer");
        LOG.warn("metadata=api informer={} reason=informer detail={}", what, error.toString());
        return true;
    }

    @Override
    public PodMeta pod(PodRef ref) {
        return pods.get(ref.namespace() + "/" + ref.name());
    }

    @Override
    public NodeMeta node() {
        return node;
    }

    /**
     * True once both informers have listed and every pod of the first list has its metadata built (the
     * informer reports synced before its handlers have run). Stays true afterwards.
     */
    @Override
    public boolean synced() {
        if (synced) {
            return true;
        }
        var p = podInformer;
        var n = nodeInformer;
        if (p == null || n == null || !p.hasSynced() || !n.hasSynced() || node == null || pending.get() > 0) {
            return false;
        }
        synced = p.getStore().list().stream()
                .filter(pod -> pod.getSpec() != null && nodeName.equals(pod.getSpec().getNodeName()))
                .allMatch(pod -> pods.containsKey(pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName()));
        return synced;
    }

    @Override
    public synchronized void close() {
        resolver.shutdownNow();
        if (nodeInformer != null) {
            nodeInformer.stop();
        }
        if (podInformer != null) {
            podInformer.stop();
        }
        if (ownsClient) {
            client.close();
        }
    }

    /** The fabric8 Pod as the shared {@link PodDocument}, so both metadata modes build metadata alike. */
    static PodDocument document(Pod pod) {
        var m = pod.getMetadata();
        var owners = m.getOwnerReferences().stream()
                .map(o -> new PodDocument.OwnerReference(o.getKind(), o.getName(), o.getController())).toList();
        var spec = pod.getSpec() == null ? null : new PodDocument.Spec(pod.getSpec().getNodeName(),
                containers(pod.getSpec().getContainers()), containers(pod.getSpec().getInitContainers()));
        var status = pod.getStatus() == null ? null : new PodDocument.Status(pod.getStatus().getQosClass(),
                statuses(pod.getStatus().getContainerStatuses()), statuses(pod.getStatus().getInitContainerStatuses()));
        return new PodDocument(new PodDocument.Metadata(m.getName(), m.getNamespace(), m.getUid(), m.getLabels(),
                owners), spec, status);
    }

    private static List<PodDocument.Container> containers(List<Container> containers) {
        return containers.stream().map(c -> new PodDocument.Container(c.getName(), c.getImage(),
                c.getResources() == null ? null : new PodDocument.Resources(
                        strings(c.getResources().getRequests()), strings(c.getResources().getLimits())))).toList();
    }

    private static List<PodDocument.ContainerStatus> statuses(List<ContainerStatus> statuses) {
        return statuses.stream().map(s -> new PodDocument.ContainerStatus(s.getName(), s.getRestartCount())).toList();
    }

    private static Map<String, String> strings(Map<String, Quantity> quantities) {
        var result = new LinkedHashMap<String, String>();
        if (quantities != null) {
            quantities.forEach((k, v) -> result.put(k, v == null ? null : v.toString()));
        }
        return result;
    }

    static NodeMeta nodeMeta(Node node, LabelFilter labels) {
        var status = node.getStatus();
        Map<String, Quantity> capacity = status == null || status.getCapacity() == null ? Map.of() : status.getCapacity();
        Map<String, Quantity> allocatable =
                status == null || status.getAllocatable() == null ? Map.of() : status.getAllocatable();
        return new NodeMeta(Quantities.millicores(text(capacity.get("cpu"))),
                Quantities.millicores(text(allocatable.get("cpu"))),
                Quantities.bytes(text(capacity.get("memory"))), Quantities.bytes(text(allocatable.get("memory"))),
                labels.apply(node.getMetadata().getLabels()), Quantities.bytes(text(capacity.get("ephemeral-storage"))),
                Quantities.bytes(text(allocatable.get("ephemeral-storage"))));
    }

    private static String text(Quantity q) {
        return q == null ? null : q.toString();
    }

    /**
     * Owner lookups are API calls, so they run on their own thread: an informer's handler must not block its
     * watch. One thread keeps an add and a later delete of the same pod in order.
     */
    private void resolveLater(Runnable task) {
        pending.incrementAndGet();
        try {
            resolver.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    metrics.metadataFailed("internal");
                    LOG.warn("metadata=api reason=internal detail={}", e.toString());
                } finally {
                    pending.decrementAndGet();
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            pending.decrementAndGet();
        }
    }

    private final class PodHandler implements ResourceEventHandler<Pod> {
        @Override
        public void onAdd(Pod pod) {
            PodDocument doc = document(pod);
            // The field selector already filters; this guards against a server that ignores it.
            if (doc.spec() != null && !nodeName.equals(doc.spec().nodeName())) {
                return;
            }
            resolveLater(() -> pods.put(doc.key(), PodMetas.of(doc, workloads.resolve(doc), labels)));
        }

        @Override
        public void onUpdate(Pod before, Pod after) {
            onAdd(after);
        }

        @Override
        public void onDelete(Pod pod, boolean finalStateUnknown) {
            String key = pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName();
            resolveLater(() -> pods.remove(key));
        }
    }

    private final class NodeHandler implements ResourceEventHandler<Node> {
        @Override
        public void onAdd(Node n) {
            node = nodeMeta(n, labels);
        }

        @Override
        public void onUpdate(Node before, Node after) {
            onAdd(after);
        }

        @Override
        public void onDelete(Node n, boolean finalStateUnknown) {
            node = null;
        }
    }
}
