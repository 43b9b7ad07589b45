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
    private volatile NodeMeta node;
    private final boolean ownsClient;
    private SharedIndexInformer<Pod> podInformer;
    private SharedIndexInformer<Node> nodeInformer;

    public PodMetadataCache(KubernetesClient client, String nodeName, LabelFilter labels, CollectorMetrics metrics) {
        this(client, false, nodeName, labels, metrics);
    }

    private PodMetadataCache(KubernetesClient client, boolean ownsClient, String nodeName, LabelFilter labels,
                             CollectorMetrics metrics) {
        this.client = client;
        this.ownsClient = ownsClient;
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
        return new PodMetadataCache(client, true, nodeName, labels, metrics);
    }

    @Override
    public synchronized void start() {
        if (podInformer != null) {
            return;
        }
        podInformer = client.pods().inAnyNamespace().withField("spec.nodeName", nodeName).runnableInformer(0);
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

    @Override
    public boolean synced() {
        var p = podInformer;
        var n = nodeInformer;
        return p != null && n != null && p.hasSynced() && n.hasSynced();
    }

    @Override
    public synchronized void close() {
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
                labels.apply(node.getMetadata().getLabels()));
    }

    private static String text(Quantity q) {
        return q == null ? null : q.toString();
    }

    private final class PodHandler implements ResourceEventHandler<Pod> {
        @Override
        public void onAdd(Pod pod) {
            PodDocument doc = document(pod);
            // The field selector already filters; this guards against a server that ignores it.
            if (doc.spec() != null && !nodeName.equals(doc.spec().nodeName())) {
                return;
            }
            pods.put(doc.key(), PodMetas.of(doc, workloads.resolve(doc), labels));
        }

        @Override
        public void onUpdate(Pod before, Pod after) {
            onAdd(after);
        }

        @Override
        public void onDelete(Pod pod, boolean finalStateUnknown) {
            pods.remove(pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName());
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
