package io.heapstream.simulator;

import io.heapstream.simulator.Workload.Kind;
import java.util.Map;

/**
 * Writes the Kubernetes objects of a node: the kubelet's {@code GET /pods} PodList (what a collector in
 * kubelet-metadata mode enriches from: labels, owner references, resources, QoS, restart counts, images) and
 * the Node object (capacity, allocatable, labels) for tests that stand in for an API server.
 */
final class KubeObjectJsonWriter {
    private static final long MI = 1024L * 1024;

    private KubeObjectJsonWriter() { }

    static String podList(SimNode node) {
        var json = new JsonText(1_024 + 2_500 * node.pods.length).begin().field("kind", "PodList")
                .field("apiVersion", "v1").begin("metadata").end().array("items");
        for (var p : node.pods) {
            pod(json.begin(), p, node).end();
        }
        return json.endArray().end().toString();
    }

    static String node(SimNode node) {
        var s = node.shape;
        var json = new JsonText(2_048).begin().field("kind", "Node").field("apiVersion", "v1").begin("metadata")
                .field("name", node.name).field("uid", Names.uid(new SimRandom(SimRandom.mix(
                        (node.cluster + "/" + node.name).hashCode()))))
                .field("creationTimestamp", node.startTime.minusSeconds(120));
        labels(json, s.labels()).end().begin("spec").field("providerID", "aws:///" + s.labels()
                .get("topology.kubernetes.io/zone") + "/i-" + Names.hex(new SimRandom(node.index), 17)).end();
        json.begin("status");
        resources(json.begin("capacity"), s.cpuCapacityMillicores(), s.memoryCapacityBytes(), s.fsCapacityBytes())
                .end();
        resources(json.begin("allocatable"), s.cpuAllocatableMillicores(), s.memoryAllocatableBytes(),
                s.fsCapacityBytes() * 9 / 10).end();
        json.array("addresses").begin().field("type", "InternalIP").field("address", node.ip).end()
                .begin().field("type", "Hostname").field("address", node.name).end().endArray();
        json.begin("nodeInfo").field("kubeletVersion", "v1.31.0").field("containerRuntimeVersion",
                "containerd://1.7.22").field("osImage", "Ubuntu 22.04.5 LTS").field("kernelVersion",
                "6.8.0-1016-aws").field("operatingSystem", "linux").field("architecture", "amd64").end();
        return json.end().end().toString();
    }

    private static JsonText pod(JsonText json, SimPod p, SimNode node) {
        var w = p.workload;
        json.begin("metadata").field("name", p.name);
        if (w.kind() != Kind.STATEFUL_SET && w.kind() != Kind.BARE_POD) {
            json.field("generateName", p.name.substring(0, p.name.lastIndexOf('-') + 1));
        }
        json.field("namespace", w.namespace()).field("uid", p.uid)
                .field("creationTimestamp", p.startTime);
        labels(json, p.labels);
        json.begin("annotations").field("kubernetes.io/config.seen", p.startTime.toString())
                .field("kubernetes.io/config.source", "api").end();
        if (p.ownerKind != null) {
            json.array("ownerReferences").begin()
                    .field("apiVersion", p.ownerKind.equals("Job") ? "batch/v1" : "apps/v1")
                    .field("kind", p.ownerKind).field("name", p.ownerName).field("uid", p.ownerUid)
                    .field("controller", true).field("blockOwnerDeletion", true).end().endArray();
        }
        json.end().begin("spec").array("volumes");
        for (var v : p.volumes) {
            json.begin().field("name", v.name);
            switch (v.type) {
                case PVC -> json.begin("persistentVolumeClaim").field("claimName", v.pvcName).end();
                case EMPTY_DIR -> json.begin("emptyDir").end();
                default -> json.begin("projected").field("defaultMode", 420L).end();
            }
            json.end();
        }
        json.endArray().array("containers");
        for (var c : p.containers) {
            var t = c.template;
            json.begin().field("name", t.name()).field("image", t.image()).begin("resources");
            if (t.cpuLimitMillicores() != null || t.memoryLimitBytes() != null) {
                quantities(json.begin("limits"), t.cpuLimitMillicores(), t.memoryLimitBytes()).end();
            }
            if (t.cpuRequestMillicores() != null || t.memoryRequestBytes() != null) {
                quantities(json.begin("requests"), t.cpuRequestMillicores(), t.memoryRequestBytes()).end();
            }
            json.end().field("imagePullPolicy", "IfNotPresent").end();
        }
        json.endArray().field("restartPolicy", w.kind() == Kind.CRON_JOB || w.kind() == Kind.JOB ? "OnFailure"
                : "Always").field("nodeName", node.name).field("serviceAccountName", "default");
        if (p.hostNetwork) {
            json.field("hostNetwork", true);
        }
        json.end().begin("status").field("phase", "Running").field("hostIP", node.ip).field("podIP", p.ip)
                .field("startTime", p.startTime).array("containerStatuses");
        for (var c : p.containers) {
            json.begin().field("name", c.template.name()).begin("state").begin("running")
                    .field("startedAt", c.startTime).end().end();
            lastState(json, c);
            json.field("ready", true).field("restartCount", (long) c.restartCount)
                    .field("image", qualified(c.template.image()))
                    .field("imageID", qualified(c.template.image()).replaceFirst(":[^:/]+$", "") + "@sha256:"
                            + Names.hex(new SimRandom(c.template.image().hashCode()), 64))
                    .field("containerID", "containerd://" + c.containerId()).field("started", true).end();
        }
        json.endArray().field("qosClass", w.qosClass()).end();
        return json;
    }

    private static void lastState(JsonText json, SimContainer c) {
        json.begin("lastState");
        if (c.lastTerminationReason != null) {
            boolean oom = c.lastTerminationReason.equals("OOMKilled");
            json.begin("terminated").field("exitCode", oom ? 137L : 1L).field("reason", c.lastTerminationReason)
                    .field("finishedAt", c.lastFinishedAt).end();
        }
        json.end();
    }

    private static JsonText labels(JsonText json, Map<String, String> labels) {
        json.begin("labels");
        labels.forEach(json::field);
        return json.end();
    }

    private static JsonText quantities(JsonText json, Long millicores, Long bytes) {
        if (millicores != null) {
            json.field("cpu", millicores % 1000 == 0 ? Long.toString(millicores / 1000) : millicores + "m");
        }
        if (bytes != null) {
            json.field("memory", bytes % (1024 * MI) == 0 ? bytes / (1024 * MI) + "Gi" : bytes / MI + "Mi");
        }
        return json;
    }

    private static JsonText resources(JsonText json, long millicores, long memoryBytes, long diskBytes) {
        return json.field("cpu", millicores % 1000 == 0 ? Long.toString(millicores / 1000) : millicores + "m")
                .field("ephemeral-storage", diskBytes / 1024 + "Ki").field("memory", memoryBytes / 1024 + "Ki")
                .field("pods", "110");
    }

    /** What containerd reports for an image reference: with registry and, for Docker Hub, the library path. */
    static String qualified(String image) {
        int slash = image.indexOf('/');
        var first = slash < 0 ? "" : image.substring(0, slash);
        if (slash >= 0 && (first.contains(".") || first.contains(":") || first.equals("localhost"))) {
            return image;
        }
        return slash < 0 ? "docker.io/library/" + image : "docker.io/" + image;
    }
}
