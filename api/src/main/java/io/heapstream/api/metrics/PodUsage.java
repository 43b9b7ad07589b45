package io.heapstream.api.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A pod's usage as metrics-server computes it: served only when every container has two points (a pod half
 * measured would under-report to the HPA); its timestamp and window are those of the container measured
 * earliest. A container whose counter went down is left out, the pod still served.
 */
public record PodUsage(String namespace, String name, Map<String, String> labels, long timeNanos, long windowNanos,
                       List<ContainerUsage> containers) {

    static PodUsage of(PodState pod) {
        var containers = new ArrayList<ContainerUsage>(pod.containers.length);
        Points.Usage earliest = null;
        for (int i = 0; i < pod.containers.length; i++) {
            if (!Points.hasPrev(pod.points, i * Points.SLOTS)) {
                return null;
            }
        }
        for (int i = 0; i < pod.containers.length; i++) {
            var usage = Points.usage(pod.points, i * Points.SLOTS);
            if (usage == null) {
                continue;
            }
            containers.add(new ContainerUsage(pod.containers[i], usage.nanoCores(), usage.workingSetBytes()));
            if (earliest == null || usage.timeNanos() < earliest.timeNanos()) {
                earliest = usage;
            }
        }
        if (earliest == null) {
            return null;
        }
        return new PodUsage(pod.namespace, pod.name, pod.labels, earliest.timeNanos(), earliest.windowNanos(),
                List.copyOf(containers));
    }

    public record ContainerUsage(String name, long nanoCores, long workingSetBytes) { }
}
