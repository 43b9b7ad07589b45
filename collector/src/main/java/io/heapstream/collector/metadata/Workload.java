package io.heapstream.collector.metadata;

import java.util.regex.Pattern;

/**
 * The owner at the top of a pod's chain, as {@code PodMeta.workloadKind/workloadName} carry it. The kubelet
 * metadata mode can only guess the top from names ({@link #guess}); API mode asks the API server.
 */
public record Workload(String kind, String name) {
    /** CronJobs name their Jobs {@code <cronjob>-<scheduled time in minutes>}. */
    private static final Pattern CRONJOB_JOB = Pattern.compile("(.+)-\\d+");

    /** A pod without a controller, or a static pod (owned by its Node): the pod is its own workload. */
    public static Workload bare(PodDocument pod) {
        return new Workload("Pod", pod.metadata().name());
    }

    /**
     * From the pod alone: a ReplicaSet named {@code <deployment>-<pod-template-hash>} belongs to that
     * Deployment; a Job named {@code <cronjob>-<digits>} to that CronJob. Both are heuristics: a Job really named
     * {@code migrate-2} passes for a CronJob's. Older kubelets spelled the hash label differently from the
     * name's suffix; then the last dash-separated part is taken as the hash.
     */
    public static Workload guess(PodDocument pod) {
        PodDocument.OwnerReference owner = pod.controller();
        if (owner == null || owner.kind() == null || owner.name() == null || owner.kind().equals("Node")) {
            return bare(pod);
        }
        String name = owner.name();
        if (owner.kind().equals("ReplicaSet")) {
            String hash = pod.metadata().labels().get("pod-template-hash");
            if (hash != null && name.endsWith("-" + hash)) {
                return new Workload("Deployment", name.substring(0, name.length() - hash.length() - 1));
            }
            int dash = name.lastIndexOf('-');
            if (hash != null && dash > 0) {
                return new Workload("Deployment", name.substring(0, dash));
            }
            return new Workload("ReplicaSet", name);
        }
        if (owner.kind().equals("Job")) {
            var m = CRONJOB_JOB.matcher(name);
            return m.matches() ? new Workload("CronJob", m.group(1)) : new Workload("Job", name);
        }
        return new Workload(owner.kind(), name);
    }
}
