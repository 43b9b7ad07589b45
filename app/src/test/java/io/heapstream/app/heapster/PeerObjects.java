package io.heapstream.app.heapster;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.HostIPBuilder;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.NamespaceList;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeAddressBuilder;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.NodeConditionBuilder;
import io.fabric8.kubernetes.api.model.NodeList;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodList;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.heapstream.testkit.Fixtures;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * The API objects Heapster was shown, renamed as the captures are ({@link LiveCapture}): pod names and uids
 * with {@code -peer-0N}, {@code spec.nodeName} (where set) {@code peer-0N}, host IPs the node's address; the
 * Node named {@code peer-0N} with uid suffix, {@code kubernetes.io/hostname} label and only the InternalIP and
 * Hostname addresses. Labels, owners, images, requests and limits, restart counts, capacity and allocatable as
 * captured. Where a capture has no objects: a Ready Node without labels, capacity or allocatable, and one
 * Running pod per summary pod with a container per summary container (no image, resources or labels, no
 * restarts). minikube's six summary pods without an object get none: Heapster did not know them either.
 */
final class PeerObjects {
    private static final KubernetesSerialization YAML = new KubernetesSerialization();

    private PeerObjects() { }

    static List<Pod> pods(Peer peer, JsonNode renamedSummary) {
        var pods = new ArrayList<Pod>();
        if (peer.pods() == null) {
            for (JsonNode pod : renamedSummary.path("pods")) {
                pods.add(invented(peer, pod));
            }
            return pods;
        }
        for (Pod pod : YAML.unmarshal(Fixtures.string(peer.pods()), PodList.class).getItems()) {
            var meta = pod.getMetadata();
            meta.setName(meta.getName() + "-" + peer.name());
            meta.setUid(meta.getUid() + "-" + peer.name());
            if (pod.getSpec().getNodeName() != null) {
                pod.getSpec().setNodeName(peer.name());
            }
            if (pod.getStatus() != null && pod.getStatus().getHostIP() != null) {
                pod.getStatus().setHostIP(peer.address());
                pod.getStatus().setHostIPs(List.of(new HostIPBuilder().withIp(peer.address()).build()));
            }
            pods.add(fresh(pod));
        }
        return pods;
    }

    private static Pod invented(Peer peer, JsonNode summaryPod) {
        var ref = summaryPod.path("podRef");
        var names = new LinkedHashSet<String>();
        summaryPod.path("containers").forEach(c -> names.add(c.path("name").asText()));
        return new PodBuilder()
                .withNewMetadata().withName(ref.path("name").asText()).withNamespace(ref.path("namespace").asText())
                .withUid(ref.path("uid").asText()).endMetadata()
                .withNewSpec().withNodeName(peer.name())
                .withContainers(names.stream().map(n -> new ContainerBuilder().withName(n).withImage("").build())
                        .toList()).endSpec()
                .withNewStatus().withPhase("Running").withHostIP(peer.address())
                .withContainerStatuses(names.stream().map(n -> new ContainerStatusBuilder().withName(n)
                        .withImage("").withRestartCount(0).withReady(true).build()).toList()).endStatus()
                .build();
    }

    static Node node(Peer peer) {
        var addresses = List.of(new NodeAddressBuilder().withType("InternalIP").withAddress(peer.address()).build(),
                new NodeAddressBuilder().withType("Hostname").withAddress(peer.name()).build());
        if (peer.nodes() == null) {
            return new NodeBuilder().withNewMetadata().withName(peer.name()).withUid("invented-" + peer.name())
                    .endMetadata().withNewStatus().withAddresses(addresses)
                    .withConditions(new NodeConditionBuilder().withType("Ready").withStatus("True").build())
                    .endStatus().build();
        }
        var node = YAML.unmarshal(Fixtures.string(peer.nodes()), NodeList.class).getItems().get(0);
        var meta = node.getMetadata();
        meta.setName(peer.name());
        meta.setUid(meta.getUid() + "-" + peer.name());
        if (meta.getLabels() != null && meta.getLabels().containsKey("kubernetes.io/hostname")) {
            meta.getLabels().put("kubernetes.io/hostname", peer.name());
        }
        node.getStatus().setAddresses(addresses);
        return fresh(node);
    }

    static List<Namespace> namespaces() {
        Map<String, Namespace> byName = new LinkedHashMap<>();
        for (String file : Peer.NAMESPACES) {
            for (Namespace ns : YAML.unmarshal(Fixtures.string(file), NamespaceList.class).getItems()) {
                byName.putIfAbsent(ns.getMetadata().getName(), fresh(ns));
            }
        }
        byName.putIfAbsent(Peer.INVENTED_NAMESPACE, new NamespaceBuilder().withNewMetadata()
                .withName(Peer.INVENTED_NAMESPACE).endMetadata().build());
        return List.copyOf(byName.values());
    }

    /** A captured object as a create request: the API server assigns the resource version. */
    private static <T extends HasMetadata> T fresh(T object) {
        object.getMetadata().setResourceVersion(null);
        return object;
    }
}
