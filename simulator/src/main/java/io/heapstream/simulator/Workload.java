package io.heapstream.simulator;

import java.util.List;
import java.util.Map;

/**
 * A controller in a simulated cluster and the template of its pods: what every replica shares. The pods'
 * owner reference is the ReplicaSet for a Deployment (with the pod-template-hash), the Job for a CronJob, the
 * controller itself otherwise, and none for a bare pod.
 *
 * @param templateHash pod-template-hash (Deployment) or controller-revision-hash (StatefulSet, DaemonSet)
 * @param labels       labels every pod of the workload carries (the selector and the template's own)
 * @param rxBytesPerSecond typical received bytes per second of one pod
 * @param pvcBytes     capacity of the PersistentVolumeClaim each pod mounts as {@code data}, 0 when none
 * @param emptyDir     whether pods mount a disk-backed emptyDir {@code cache}
 */
record Workload(Kind kind, String namespace, String name, String uid, String templateHash,
                Map<String, String> labels, List<ContainerTemplate> containers, double rxBytesPerSecond,
                double txBytesPerSecond, long pvcBytes, boolean emptyDir) {

    enum Kind {
        DEPLOYMENT("Deployment"), STATEFUL_SET("StatefulSet"), DAEMON_SET("DaemonSet"), CRON_JOB("CronJob"),
        JOB("Job"), BARE_POD("Pod");

        final String apiKind;

        Kind(String apiKind) {
            this.apiKind = apiKind;
        }
    }

    /**
     * One container of the pod template: its resources (millicores, bytes; {@code null} when unset) and how it
     * behaves (typical CPU in millicores, typical working set, page faults and log output per second).
     *
     * @param leaky whether its working set creeps up until the memory limit kills it (an OOM restart)
     */
    record ContainerTemplate(String name, String image, Long cpuRequestMillicores, Long cpuLimitMillicores,
                             Long memoryRequestBytes, Long memoryLimitBytes, double cpuMillicores,
                             double workingSetBytes, double pageFaultsPerSecond, double logBytesPerSecond,
                             boolean leaky) { }

    /** {@code apps/v1}, {@code batch/v1}: the apiVersion of the pod's owner reference. */
    String ownerApiVersion() {
        return kind == Kind.CRON_JOB || kind == Kind.JOB ? "batch/v1" : "apps/v1";
    }

    /** The QoS class Kubernetes derives from the containers' requests and limits. */
    String qosClass() {
        boolean any = false;
        boolean guaranteed = true;
        for (var c : containers) {
            any |= c.cpuRequestMillicores() != null || c.cpuLimitMillicores() != null
                    || c.memoryRequestBytes() != null || c.memoryLimitBytes() != null;
            guaranteed &= c.cpuLimitMillicores() != null && c.memoryLimitBytes() != null
                    && (c.cpuRequestMillicores() == null || c.cpuRequestMillicores().equals(c.cpuLimitMillicores()))
                    && (c.memoryRequestBytes() == null || c.memoryRequestBytes().equals(c.memoryLimitBytes()));
        }
        return !any ? "BestEffort" : guaranteed ? "Guaranteed" : "Burstable";
    }

    /** Sum of the containers' CPU requests in millicores (what the scheduler reserves). */
    long cpuRequestMillicores() {
        return containers.stream().mapToLong(c -> c.cpuRequestMillicores() == null ? 0 : c.cpuRequestMillicores())
                .sum();
    }
}
