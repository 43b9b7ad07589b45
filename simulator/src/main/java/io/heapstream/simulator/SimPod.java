package io.heapstream.simulator;

import io.heapstream.model.raw.PodMeta;
import io.heapstream.simulator.Workload.Kind;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One pod of a simulated node: identity (name, uid, labels, owner), its containers, and the pod-level state
 * that exists only there — the pod cgroup's counters (which survive container restarts), network counters,
 * volumes. Pods of host-network DaemonSets report the node's network, as real kubelets do.
 */
final class SimPod {
    final Workload workload;
    final String name;
    final String uid;
    final String ownerKind;
    final String ownerName;
    final String ownerUid;
    final Map<String, String> labels;
    final Instant startTime;
    final SimContainer[] containers;
    final boolean hostNetwork;
    final List<SimVolume> volumes;
    final String ip;
    long cpuCoreNanoSeconds;
    long pageFaults;
    long majorPageFaults;
    long rxBytes;
    long txBytes;
    long rxErrors;
    long txErrors;
    private double netLoad = 1;
    /** The enrichment last built for this pod, and the restart total it was built for. */
    PodMeta meta;
    int metaRestarts;

    SimPod(Workload workload, PodIdentity id, SimRandom random, Instant startTime, Instant sampleTime,
           SimNode node) {
        this.workload = workload;
        this.name = id.name();
        this.uid = Names.uid(random);
        this.ownerKind = id.ownerKind();
        this.ownerName = id.ownerName();
        this.ownerUid = id.ownerUid();
        this.labels = id.labels();
        this.startTime = startTime;
        this.hostNetwork = workload.kind() == Kind.DAEMON_SET && !workload.name().equals("fluent-bit");
        this.ip = hostNetwork ? node.ip : "10.244." + (node.index % 250) + "." + (2 + random.nextInt(250));
        var templates = workload.containers();
        this.containers = new SimContainer[templates.size()];
        long podAge = Math.max(1, sampleTime.getEpochSecond() - startTime.getEpochSecond());
        for (int i = 0; i < containers.length; i++) {
            boolean restarted = podAge > 3_600 && random.chance(0.2);
            int restarts = restarted ? 1 + random.nextInt(4) : 0;
            var start = restarted
                    ? sampleTime.minusSeconds(1 + random.nextInt((int) Math.min(podAge - 10, 86_400)))
                    : startTime.plusSeconds(Math.min(podAge - 1, 1 + random.nextInt(5)));
            containers[i] = new SimContainer(templates.get(i), random, start, restarts, sampleTime);
        }
        for (var c : containers) {
            cpuCoreNanoSeconds += c.cpuCoreNanoSeconds + Math.round(podAge * 1e5);
            pageFaults += c.pageFaults + 400;
            majorPageFaults += c.majorPageFaults;
        }
        double age = Math.min(podAge, 86_400.0 * 3);
        rxBytes = Math.round(workload.rxBytesPerSecond() * age);
        txBytes = Math.round(workload.txBytesPerSecond() * age);
        this.volumes = SimVolume.forPod(this, node, random);
    }

    /** One interval passes for the pod's containers, cgroup, network and volumes. */
    void step(SimRandom random, double seconds, double restartProbability, Instant sampleTime, long intervalSeconds) {
        for (var c : containers) {
            boolean restart = restartProbability > 0 && random.chance(restartProbability);
            var restartTime = sampleTime.minusSeconds(1 + random.nextInt((int) Math.max(1, intervalSeconds - 1)));
            c.step(random, seconds, restart, restartTime, sampleTime);
            cpuCoreNanoSeconds += c.lastCpuIncrement;
            pageFaults += c.lastPageFaultIncrement;
            majorPageFaults += c.lastMajorPageFaultIncrement;
        }
        // the pause container and the pod's share of runtime overhead
        cpuCoreNanoSeconds += Math.round(1e5 * seconds);
        netLoad = Math.max(0.05, Math.min(4, netLoad + 0.3 * (1 - netLoad) + 0.2 * random.gaussian()));
        rxBytes += Math.round(workload.rxBytesPerSecond() * netLoad * seconds);
        txBytes += Math.round(workload.txBytesPerSecond() * netLoad * seconds);
        if (random.chance(0.002)) {
            rxErrors += 1 + random.nextInt(5);
        }
        if (random.chance(0.001)) {
            txErrors += 1;
        }
        for (var v : volumes) {
            v.step(random);
        }
    }

    long usageNanoCores() {
        long sum = 100_000; // the pause container
        for (var c : containers) {
            sum += c.usageNanoCores;
        }
        return sum;
    }

    /** Pause container and pod overhead, about half a MiB, on top of the containers. */
    long workingSet() {
        long sum = 524_288;
        for (var c : containers) {
            sum += c.workingSet();
        }
        return sum;
    }

    long rss() {
        long sum = 393_216;
        for (var c : containers) {
            sum += c.rss();
        }
        return sum;
    }

    long usage() {
        long sum = 540_672;
        for (var c : containers) {
            sum += c.usage();
        }
        return sum;
    }

    /** The sum of the containers' memory limits minus the working set, when every container has a limit. */
    Long availableBytes() {
        long limits = 0;
        for (var c : containers) {
            var limit = c.template.memoryLimitBytes();
            if (limit == null) {
                return null;
            }
            limits += limit;
        }
        return Math.max(0, limits - workingSet());
    }

    /** Writable layers, logs and emptyDirs: what counts against the pod's ephemeral-storage. */
    long ephemeralUsedBytes() {
        long sum = 0;
        for (var c : containers) {
            sum += c.rootfsUsedBytes + c.logsUsedBytes;
        }
        for (var v : volumes) {
            if (v.type == SimVolume.Type.EMPTY_DIR) {
                sum += v.usedBytes;
            }
        }
        return sum;
    }

    long ephemeralInodesUsed() {
        long sum = 0;
        for (var c : containers) {
            sum += 8 + c.rootfsUsedBytes / 65_536 + 1;
        }
        for (var v : volumes) {
            if (v.type == SimVolume.Type.EMPTY_DIR) {
                sum += v.inodesUsed;
            }
        }
        return sum;
    }

    /** The names and owner a new pod of a workload gets. */
    record PodIdentity(String name, String ownerKind, String ownerName, String ownerUid, Map<String, String> labels) {
        static PodIdentity of(Workload w, String name, String ownerName, String ownerUid,
                              Map<String, String> extraLabels) {
            var labels = new HashMap<>(w.labels());
            labels.putAll(extraLabels);
            String ownerKind = switch (w.kind()) {
                case DEPLOYMENT -> "ReplicaSet";
                case CRON_JOB, JOB -> "Job";
                case BARE_POD -> null;
                default -> w.kind().apiKind;
            };
            return new PodIdentity(name, ownerKind, ownerName, ownerUid, Names.sorted(labels));
        }
    }
}
