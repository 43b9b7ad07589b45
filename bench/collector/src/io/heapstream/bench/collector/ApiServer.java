package io.heapstream.bench.collector;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeList;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodList;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.heapstream.testkit.Fixtures;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;

/**
 * For {@code --metadata api}: fabric8's mock API server (CRUD) holding the synthetic node's pods, all on node
 * {@code node}, and that Node. Runs in the kubelet's JVM, so serving the API is not billed to the collector.
 */
final class ApiServer {
    /** Held: java.util.logging keeps loggers weakly, and a collected logger forgets its level. */
    private static final java.util.logging.Logger QUIET = java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");

    private ApiServer() { }

    /** Starts the server on 127.0.0.1 and returns its URL. */
    static String start(SyntheticNode node) {
        QUIET.setLevel(java.util.logging.Level.WARNING);
        var server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new KubernetesCrudDispatcher(), false);
        server.init(InetAddress.getLoopbackAddress(), 0);
        try (var client = server.createClient()) {
            var serialization = client.getKubernetesSerialization();
            var pods = serialization.unmarshal(new String(node.podList(), StandardCharsets.UTF_8), PodList.class);
            for (Pod pod : pods.getItems()) {
                pod.getMetadata().setResourceVersion(null);
                pod.getSpec().setNodeName("node");
                try {
                    client.pods().inNamespace(pod.getMetadata().getNamespace()).resource(pod).create();
                } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
                    // A POST the client retried after a slow answer (a loaded machine) finds its pod made.
                    if (e.getCode() != 409) {
                        throw e;
                    }
                }
            }
            Node captured = serialization.unmarshal(Fixtures.string("nri-kubernetes/k8s-1_31/nodes.yaml"), NodeList.class)
                    .getItems().get(0);
            captured.getMetadata().setResourceVersion(null);
            captured.getMetadata().setName("node");
            client.nodes().resource(captured).create();
        }
        return server.url("/");
    }
}
