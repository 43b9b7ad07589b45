package io.heapstream.app.heapster;

import java.util.List;

/**
 * One of the reference's eight fake nodes: {@code peer-0N} at 127.0.0.N, serving {@code capture}, with the pod
 * and Node objects of {@code pods} / {@code nodes} (fixture paths) or, where those are null, invented ones.
 */
record Peer(int index, String capture, String pods, String nodes) {
    static final String CLUSTER = "peer";

    /** The table of fixtures/heapster-reference/README.md, "Inputs". */
    static final List<Peer> ALL = List.of(
            new Peer(1, "nri-kubernetes/k8s-1_28/stats-summary.json", "nri-kubernetes/k8s-1_28/pods.yaml",
                    "nri-kubernetes/k8s-1_28/nodes.yaml"),
            new Peer(2, "nri-kubernetes/k8s-1_31/stats-summary.json", "nri-kubernetes/k8s-1_31/pods.yaml",
                    "nri-kubernetes/k8s-1_31/nodes.yaml"),
            new Peer(3, "nri-kubernetes/k8s-1_33/stats-summary.json", "nri-kubernetes/k8s-1_33/pods.yaml",
                    "nri-kubernetes/k8s-1_33/nodes.yaml"),
            new Peer(4, "nri-kubernetes/k8s-1_35/stats-summary.json", "nri-kubernetes/k8s-1_35/pods.yaml",
                    "nri-kubernetes/k8s-1_35/nodes.yaml"),
            new Peer(5, "nri-kubernetes/minikube-older/stats-summary.json",
                    "nri-kubernetes/minikube-older/kubelet-pods.json", null),
            new Peer(6, "datadog-integrations-core/windows-eks/stats-summary.json", null, null),
            new Peer(7, "otel-collector-contrib/windows-eks-pair/stats-summary-first.json", null, null),
            new Peer(8, "elastic-beats/gke-derived/stats-summary-multiple-containers.json", null, null));

    /** The first file to name a namespace wins; {@code amazon-cloudwatch} (peer-06's pods) is invented. */
    static final List<String> NAMESPACES = List.of("nri-kubernetes/k8s-1_31/namespaces.yaml",
            "nri-kubernetes/k8s-1_33/namespaces.yaml", "nri-kubernetes/k8s-1_35/namespaces.yaml");
    static final String INVENTED_NAMESPACE = "amazon-cloudwatch";

    String name() {
        return "peer-0" + index;
    }

    /** Loopback, one address per node, as Heapster saw them (the Node's InternalIP). */
    String address() {
        return "127.0.0." + index;
    }
}
