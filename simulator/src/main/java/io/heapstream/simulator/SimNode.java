package io.heapstream.simulator;

import io.heapstream.simulator.SimPod.PodIdentity;
import io.heapstream.simulator.Workload.ContainerTemplate;
import io.heapstream.simulator.Workload.Kind;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One simulated node and everything on it. A node advances on its own (its own generator, its own lock), one
 * grid slot at a time, so its state at a slot depends only on the spec, the fleet's start and the slot — not
 * on when it was asked or what other nodes did. {@code pods[i]} is the pod in slot {@code i}; a slot keeps
 * its workload when its pod is replaced.
 */
final class SimNode {
    private static final double MI = 1024.0 * 1024;

    final String cluster;
    final String name;
    final int index;
    final NodeShape shape;
    final String ip;
    final long memoryCapacityBytes;
    final Instant startTime;
    final long sampleOffsetSeconds;
    final SimPod[] pods;
    final SimContainer kubelet;
    final SimContainer runtime;
    final SimContainer host;
    private final Workload[] slotWorkloads;
    private final String[] fixedNames;
    private final SimRandom random;
    private final FleetSpec spec;
    private final long intervalSeconds;
    Instant slot;
    long cpuCoreNanoSeconds;
    long podsCpuCoreNanoSeconds;
    long pageFaults;
    long majorPageFaults;
    long podsPageFaults;
    long podsMajorPageFaults;
    long rxBytes;
    long txBytes;
    double pageCacheBytes;
    final long osUsedBytes;
    final long imagesUsedBytes;

    SimNode(FleetSpec spec, String cluster, int clusterIndex, String name, int index, List<Workload> slotWorkloads,
            List<String> fixedNames, SimRandom random, Instant start) {
        this.spec = spec;
        this.cluster = cluster;
        this.name = name;
        this.index = index;
        this.random = random;
        this.intervalSeconds = spec.scrapeInterval().toSeconds();
        this.slotWorkloads = slotWorkloads.toArray(new Workload[0]);
        this.fixedNames = fixedNames.toArray(new String[0]);
        this.shape = NodeShape.of(name, clusterIndex, index, slotWorkloads, random);
        this.ip = shape.ip();
        this.memoryCapacityBytes = shape.memoryCapacityBytes();
        this.slot = start;
        this.sampleOffsetSeconds = Math.min(intervalSeconds - 1, random.nextInt(10));
        var sampleTime = sampleTime();
        long uptime = 86_400L + random.nextInt(30 * 86_400);
        this.startTime = sampleTime.minusSeconds(uptime);
        this.osUsedBytes = Math.round(random.between(6, 15) * 1024 * MI);
        this.imagesUsedBytes = Math.round(random.between(2, 8) * 1024 * MI);
        this.kubelet = system("kubelet", random.between(15, 60), random.between(40, 90) * MI, sampleTime);
        this.runtime = system("runtime", random.between(8, 40), random.between(30, 80) * MI, sampleTime);
        this.host = system("host", random.between(20, 120), random.between(200, 500) * MI, sampleTime);
        this.pods = new SimPod[this.slotWorkloads.length];
        for (int i = 0; i < pods.length; i++) {
            var w = this.slotWorkloads[i];
            long maxAge = w.kind() == Kind.DAEMON_SET ? uptime - 60 : w.kind() == Kind.CRON_JOB ? 600 : 10 * 86_400;
            var podStart = sampleTime.minusSeconds(30 + random.nextInt((int) Math.min(uptime - 60, maxAge)));
            pods[i] = new SimPod(w, identity(i, podStart), random, podStart, sampleTime, this);
        }
        double rate = usageNanoCores() * random.between(0.8, 1.0);
        this.cpuCoreNanoSeconds = Math.round(rate * uptime);
        this.podsCpuCoreNanoSeconds = Math.round(podsUsageNanoCores() * uptime * 0.8);
        this.pageFaults = 50_000_000L + random.nextInt(10_000_000);
        this.majorPageFaults = 500 + random.nextInt(5_000);
        this.podsPageFaults = pageFaults / 3;
        this.podsMajorPageFaults = majorPageFaults / 3;
        this.rxBytes = Math.round(random.between(20e3, 2e6) * uptime);
        this.txBytes = Math.round(random.between(10e3, 1e6) * uptime);
        this.pageCacheBytes = memoryCapacityBytes * random.between(0.05, 0.2);
    }

    /** Steps slot by slot up to {@code target} (a grid slot); never goes back. */
    synchronized void advanceTo(Instant target) {
        while (slot.isBefore(target)) {
            slot = slot.plusSeconds(intervalSeconds);
            step();
        }
    }

    Instant sampleTime() {
        return slot.minusSeconds(sampleOffsetSeconds);
    }

    long usageNanoCores() {
        return podsUsageNanoCores() + kubelet.usageNanoCores + runtime.usageNanoCores + host.usageNanoCores;
    }

    long podsUsageNanoCores() {
        long sum = 0;
        for (var p : pods) {
            sum += p.usageNanoCores();
        }
        return sum;
    }

    long podsWorkingSet() {
        long sum = 0;
        for (var p : pods) {
            sum += p.workingSet();
        }
        return sum;
    }

    long workingSet() {
        return podsWorkingSet() + kubelet.workingSet() + runtime.workingSet() + host.workingSet();
    }

    /** Root filesystem in use: the OS, the container images, and every pod's writable layers, logs, emptyDirs. */
    long fsUsedBytes() {
        long sum = osUsedBytes + imagesUsedBytes;
        for (var p : pods) {
            sum += p.ephemeralUsedBytes();
        }
        return sum;
    }

    private void step() {
        double seconds = intervalSeconds;
        var sampleTime = sampleTime();
        double hours = seconds / 3_600;
        var churn = spec.churn();
        double restart = 1 - Math.exp(-churn.containerRestartsPerHour() * hours);
        long podRx = 0;
        long podTx = 0;
        long faultsBefore = 0;
        long majorBefore = 0;
        for (var p : pods) {
            faultsBefore += p.pageFaults;
            majorBefore += p.majorPageFaults;
        }
        for (int i = 0; i < pods.length; i++) {
            var p = pods[i];
            double factor = switch (p.workload.kind()) {
                case CRON_JOB, JOB -> 6;
                case DAEMON_SET -> 0.2;
                default -> 1;
            };
            double replace = 1 - Math.exp(-churn.podReplacementsPerHour() * factor * hours);
            if (replace > 0 && random.chance(replace)) {
                var podStart = sampleTime.minusSeconds(1 + random.nextInt((int) Math.max(1, seconds - 1)));
                pods[i] = new SimPod(p.workload, identity(i, podStart), random, podStart, sampleTime, this);
                faultsBefore += pods[i].pageFaults - p.pageFaults;
                majorBefore += pods[i].majorPageFaults - p.majorPageFaults;
                continue;
            }
            long rx = p.rxBytes;
            long tx = p.txBytes;
            p.step(random, seconds, restart, sampleTime, intervalSeconds);
            if (!p.hostNetwork) {
                podRx += p.rxBytes - rx;
                podTx += p.txBytes - tx;
            }
        }
        kubelet.step(random, seconds, false, null, sampleTime);
        runtime.step(random, seconds, false, null, sampleTime);
        host.step(random, seconds, false, null, sampleTime);
        long faults = -faultsBefore;
        long major = -majorBefore;
        for (var p : pods) {
            faults += p.pageFaults;
            major += p.majorPageFaults;
        }
        podsPageFaults += faults;
        podsMajorPageFaults += major;
        pageFaults += faults + kubelet.lastPageFaultIncrement + runtime.lastPageFaultIncrement
                + host.lastPageFaultIncrement;
        majorPageFaults += major + host.lastMajorPageFaultIncrement;
        cpuCoreNanoSeconds += Math.round(usageNanoCores() * seconds);
        podsCpuCoreNanoSeconds += Math.round(podsUsageNanoCores() * seconds);
        rxBytes += podRx + Math.round(random.between(10e3, 100e3) * seconds);
        txBytes += podTx + Math.round(random.between(5e3, 50e3) * seconds);
        double room = memoryCapacityBytes - workingSet();
        pageCacheBytes = Math.max(0, Math.min(room * 0.9, pageCacheBytes * (1 + 0.01 * random.gaussian())));
    }

    /** Names, owner and labels for a new pod in slot {@code i}, as its controller would make them. */
    private PodIdentity identity(int i, Instant podStart) {
        var w = slotWorkloads[i];
        switch (w.kind()) {
            case DEPLOYMENT: {
                var rs = w.name() + "-" + w.templateHash();
                return PodIdentity.of(w, rs + "-" + Names.suffix(random, 5), rs, w.uid(),
                        Map.of("pod-template-hash", w.templateHash()));
            }
            case STATEFUL_SET: {
                var pod = fixedNames[i];
                return PodIdentity.of(w, pod, w.name(), w.uid(), Map.of(
                        "controller-revision-hash", w.name() + "-" + w.templateHash(),
                        "statefulset.kubernetes.io/pod-name", pod,
                        "apps.kubernetes.io/pod-index", pod.substring(pod.lastIndexOf('-') + 1)));
            }
            case DAEMON_SET:
                return PodIdentity.of(w, w.name() + "-" + Names.suffix(random, 5), w.name(), w.uid(),
                        Map.of("controller-revision-hash", w.templateHash(), "pod-template-generation", "1"));
            case CRON_JOB:
            case JOB: {
                // a CronJob names its Jobs by the scheduled minute; here every 5 minutes
                var job = w.kind() == Kind.JOB ? w.name()
                        : w.name() + "-" + (podStart.getEpochSecond() / 300 * 5);
                var uid = w.kind() == Kind.JOB ? w.uid()
                        : Names.uid(new SimRandom(SimRandom.mix(job.hashCode() ^ w.uid().hashCode())));
                return PodIdentity.of(w, job + "-" + Names.suffix(random, 5), job, uid, Map.of(
                        "batch.kubernetes.io/job-name", job, "job-name", job,
                        "batch.kubernetes.io/controller-uid", uid, "controller-uid", uid));
            }
            default:
                return PodIdentity.of(w, w.name(), null, null, Map.of());
        }
    }

    private SimContainer system(String name, double millicores, double workingSet, Instant sampleTime) {
        var template = new ContainerTemplate(name, null, null, null, null, null, millicores, workingSet,
                random.between(5, 50), 0, false);
        return new SimContainer(template, random, startTime.plusSeconds(5 + random.nextInt(20)), 0, sampleTime);
    }
}
