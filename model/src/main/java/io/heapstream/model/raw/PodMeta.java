package io.heapstream.model.raw;

import io.heapstream.model.SortedMaps;
import java.util.Map;

/**
 * Enrichment of a pod from the API server. Absent (the whole record {@code null} on the pod) when metadata is
 * off or the informer has not seen the pod yet.
 *
 * @param labels        pod labels after the collector's include/exclude filter
 * @param workloadKind  owner at the top of the chain: Deployment, StatefulSet, DaemonSet, Job, CronJob,
 *                      ReplicaSet (bare), or {@code Pod} for a pod without owner
 * @param workloadName  name of that owner (the pod's own name for a bare pod)
 * @param qosClass      Guaranteed, Burstable or BestEffort
 * @param containers    per container name
 */
public record PodMeta(Map<String, String> labels, String workloadKind, String workloadName, String qosClass,
                      Map<String, ContainerMeta> containers) {
    public PodMeta {
        labels = SortedMaps.copyOf(labels);
        containers = SortedMaps.copyOf(containers);
    }
}
