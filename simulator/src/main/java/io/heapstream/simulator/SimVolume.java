package io.heapstream.simulator;

import java.util.ArrayList;
import java.util.List;

/**
 * A pod volume as the kubelet measures it: the service-account token (a memory-backed projected volume sized
 * by the pod's memory limit, else the node's memory), an emptyDir {@code cache} on the node's disk, or a
 * PersistentVolumeClaim {@code data} that fills slowly.
 */
final class SimVolume {
    enum Type { PROJECTED, EMPTY_DIR, PVC }

    final String name;
    final String pvcName;
    final Type type;
    final long capacityBytes;
    final long inodes;
    long usedBytes;
    long inodesUsed;

    private SimVolume(String name, String pvcName, Type type, long capacityBytes, long inodes, long usedBytes,
                      long inodesUsed) {
        this.name = name;
        this.pvcName = pvcName;
        this.type = type;
        this.capacityBytes = capacityBytes;
        this.inodes = inodes;
        this.usedBytes = usedBytes;
        this.inodesUsed = inodesUsed;
    }

    static List<SimVolume> forPod(SimPod pod, SimNode node, SimRandom random) {
        var list = new ArrayList<SimVolume>(3);
        long limits = 0;
        for (var c : pod.containers) {
            var limit = c.template.memoryLimitBytes();
            limits = limit == null || limits < 0 ? -1 : limits + limit;
        }
        long tmpfs = limits > 0 ? limits : node.memoryCapacityBytes;
        list.add(new SimVolume("kube-api-access-" + Names.suffix(random, 5), null, Type.PROJECTED, tmpfs,
                node.memoryCapacityBytes / 8_192, 12_288, 9));
        var w = pod.workload;
        if (w.emptyDir()) {
            list.add(new SimVolume("cache", null, Type.EMPTY_DIR, 0, 0, 4096L * (1 + random.nextInt(10_000)),
                    1 + random.nextInt(200)));
        }
        if (w.pvcBytes() > 0) {
            list.add(new SimVolume("data", "data-" + pod.name, Type.PVC, w.pvcBytes(), w.pvcBytes() / 16_384,
                    Math.round(w.pvcBytes() * random.between(0.05, 0.6)), 11 + random.nextInt(5_000)));
        }
        return List.copyOf(list);
    }

    void step(SimRandom random) {
        if (type == Type.PROJECTED) {
            return;
        }
        if (random.chance(0.3)) {
            long grow = 4096L * random.nextInt(type == Type.PVC ? 2_000 : 50);
            long ceiling = type == Type.PVC ? capacityBytes - capacityBytes / 20 : Long.MAX_VALUE;
            usedBytes = Math.min(ceiling, usedBytes + grow);
            inodesUsed += random.nextInt(3);
        } else if (type == Type.EMPTY_DIR && random.chance(0.02)) {
            usedBytes = usedBytes / 2; // the app clears part of its cache
        }
    }
}
