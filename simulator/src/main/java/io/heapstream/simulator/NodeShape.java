package io.heapstream.simulator;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a node's Node object says: capacity sized to fit its pods' requests (as a cluster autoscaler would pick
 * an instance type), allocatable after the kubelet's reservations, labels, address and disk.
 */
record NodeShape(long cpuCapacityMillicores, long cpuAllocatableMillicores, long memoryCapacityBytes,
                 long memoryAllocatableBytes, long fsCapacityBytes, String ip, String instanceType,
                 Map<String, String> labels) {
    private static final long GI = 1024L * 1024 * 1024;
    private static final int[] CORES = {2, 4, 8, 16, 32, 48, 64, 96};
    private static final String[] SIZES = {"large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge",
        "16xlarge", "24xlarge"};
    private static final String[] REGIONS = {"eu-west-1", "us-east-1", "ap-southeast-2", "us-west-2", "eu-central-1"};

    static NodeShape of(String name, int clusterIndex, int nodeIndex, List<Workload> pods, SimRandom random) {
        long cpuRequests = 0;
        long memoryRequests = 0;
        for (var w : pods) {
            cpuRequests += w.cpuRequestMillicores();
            for (var c : w.containers()) {
                memoryRequests += c.memoryRequestBytes() == null ? 64L << 20 : c.memoryRequestBytes();
            }
        }
        boolean memoryOptimised = random.chance(0.25);
        int size = 0;
        while (size < CORES.length - 1 && (CORES[size] * 900L < cpuRequests * 1.2
                || CORES[size] * (memoryOptimised ? 8 : 4) * GI * 0.85 < memoryRequests * 1.2)) {
            size++;
        }
        int cores = CORES[size];
        long memory = cores * (memoryOptimised ? 8 : 4) * GI;
        String type = (memoryOptimised ? "r6i." : "m6i.") + SIZES[size];
        var region = REGIONS[(clusterIndex - 1) % REGIONS.length];
        var zone = region + (char) ('a' + nodeIndex % 3);
        var ip = "10." + (clusterIndex % 250) + "." + (nodeIndex / 250) + "." + (nodeIndex % 250 + 4);
        var labels = new HashMap<String, String>();
        labels.put("kubernetes.io/hostname", name);
        labels.put("kubernetes.io/os", "linux");
        labels.put("kubernetes.io/arch", "amd64");
        labels.put("node.kubernetes.io/instance-type", type);
        labels.put("topology.kubernetes.io/region", region);
        labels.put("topology.kubernetes.io/zone", zone);
        long disk = (random.chance(0.5) ? 100 : 200) * GI;
        return new NodeShape(cores * 1000L, cores * 1000L - reservedCpu(cores), memory,
                memory - reservedMemory(memory), disk, ip, type, Names.sorted(labels));
    }

    /** GKE's kube-reserved CPU: 6% of the first core, 1% of the second, 0.5% of the next two, 0.25% above. */
    static long reservedCpu(int cores) {
        double reserved = 60 + (cores > 1 ? 10 : 0) + 5 * Math.max(0, Math.min(cores, 4) - 2)
                + 2.5 * Math.max(0, cores - 4);
        return Math.round(reserved);
    }

    /** GKE's reserved memory tiers plus the 100 MiB hard eviction threshold. */
    static long reservedMemory(long capacity) {
        double gi = (double) capacity / GI;
        double reserved = 0.25 * Math.min(gi, 4) + 0.2 * clamp(gi - 4, 4) + 0.1 * clamp(gi - 8, 8)
                + 0.06 * clamp(gi - 16, 112) + 0.02 * Math.max(0, gi - 128);
        return Math.round(reserved * GI) + (100L << 20);
    }

    private static double clamp(double value, double max) {
        return Math.max(0, Math.min(max, value));
    }
}
