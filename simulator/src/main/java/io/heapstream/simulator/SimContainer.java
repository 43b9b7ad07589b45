package io.heapstream.simulator;

import io.heapstream.simulator.Workload.ContainerTemplate;
import java.time.Instant;

/**
 * The changing state of one container (or one system container of a node). Counters only grow, except at a
 * restart, which starts them again from what the new process used since its start; gauges wander around the
 * template's typical value, bounded by the limit. CPU is integrated exactly: the counter grows by the
 * reported rate times the interval, so a rate computed from two scrapes is the rate the simulator chose.
 */
final class SimContainer {
    private static final double MI = 1024.0 * 1024;
    private static final long LOG_ROTATE_BYTES = 10L * 1024 * 1024;

    final ContainerTemplate template;
    private final long idSeed;
    Instant startTime;
    int restartCount;
    long cpuCoreNanoSeconds;
    long usageNanoCores;
    double workingSetBytes;
    double cacheBytes;
    final double rssRatio;
    long pageFaults;
    long majorPageFaults;
    long rootfsUsedBytes;
    long logsUsedBytes;
    /** Why and when the previous process ended ({@code null} before any restart), for {@code /pods}' lastState. */
    String lastTerminationReason;
    Instant lastFinishedAt;
    private double load;
    /** What this step added to the counters, for the pod's and node's cgroups (which do not reset). */
    long lastCpuIncrement;
    long lastPageFaultIncrement;
    long lastMajorPageFaultIncrement;

    SimContainer(ContainerTemplate template, SimRandom random, Instant startTime, int restartCount,
                 Instant sampleTime) {
        this.template = template;
        this.idSeed = random.nextLong();
        this.rssRatio = random.between(0.82, 0.96);
        this.load = random.between(0.8, 1.2);
        this.restartCount = restartCount;
        if (restartCount > 0) {
            lastTerminationReason = "Error";
            lastFinishedAt = startTime.minusSeconds(10);
        }
        start(random, startTime, sampleTime);
        this.workingSetBytes = template.workingSetBytes() * random.between(0.85, 1.1);
        this.cacheBytes = template.workingSetBytes() * random.between(0.05, 0.4);
        bound();
    }

    /** One scrape interval passes; {@code restart} replaces the process (crash, OOM kill, liveness probe). */
    void step(SimRandom random, double seconds, boolean restart, Instant restartTime, Instant sampleTime) {
        load += 0.3 * (1 - load) + 0.15 * random.gaussian();
        load = Math.max(0.05, Math.min(3, load));
        usageNanoCores = Math.round(cappedMillicores() * 1e6);
        long cpuIncrement = Math.round(usageNanoCores * seconds);
        long faultIncrement = Math.round(template.pageFaultsPerSecond() * load * seconds);
        long majorIncrement = random.chance(0.01 * seconds / 15) ? 1 + random.nextInt(3) : 0;
        boolean oom = template.leaky() && workingSetBytes >= template.memoryLimitBytes() * 0.97;
        // the pod's cgroup sees this interval's use whether or not the process survives it
        lastCpuIncrement = cpuIncrement;
        lastPageFaultIncrement = faultIncrement;
        lastMajorPageFaultIncrement = majorIncrement;
        if (restart || oom) {
            restartCount++;
            lastTerminationReason = oom ? "OOMKilled" : "Error";
            lastFinishedAt = restartTime.minusSeconds(1);
            start(random, restartTime, sampleTime);
            workingSetBytes = template.workingSetBytes() * random.between(0.3, 0.5);
        } else {
            cpuCoreNanoSeconds += cpuIncrement;
            pageFaults += faultIncrement;
            majorPageFaults += majorIncrement;
            double typical = template.workingSetBytes();
            workingSetBytes += template.leaky()
                    ? typical * 0.004 * seconds / 15 + 0.01 * typical * random.gaussian()
                    : 0.1 * (typical - workingSetBytes) + 0.03 * typical * random.gaussian();
            logsUsedBytes += Math.round(template.logBytesPerSecond() * load * seconds);
            if (logsUsedBytes > LOG_ROTATE_BYTES) {
                logsUsedBytes = Math.round(template.logBytesPerSecond() * seconds);
            }
            if (random.chance(0.05)) {
                rootfsUsedBytes += 4096L * (1 + random.nextInt(4));
            }
        }
        double typicalCache = template.workingSetBytes() * 0.2;
        cacheBytes = Math.max(0, cacheBytes + 0.05 * (typicalCache - cacheBytes) + 0.02 * typicalCache
                * random.gaussian());
        bound();
    }

    /** The runtime's id of the current process; derived on demand so that big fleets keep no strings. */
    String containerId() {
        return Names.hex(new SimRandom(idSeed + restartCount), 64);
    }

    long workingSet() {
        return Math.round(workingSetBytes);
    }

    long rss() {
        return Math.round(workingSetBytes * rssRatio);
    }

    long usage() {
        return Math.round(workingSetBytes + cacheBytes);
    }

    /** {@code limit - workingSet}, or {@code null} without a limit (the kubelet leaves the field out). */
    Long availableBytes() {
        var limit = template.memoryLimitBytes();
        return limit == null ? null : Math.max(0, limit - workingSet());
    }

    /** A new process: counters hold what it used between its start and the sample. */
    private void start(SimRandom random, Instant start, Instant sampleTime) {
        startTime = start;
        double age = Math.max(1, sampleTime.getEpochSecond() - start.getEpochSecond());
        usageNanoCores = Math.round(cappedMillicores() * 1e6);
        cpuCoreNanoSeconds = Math.round(usageNanoCores * age * random.between(0.9, 1.1));
        pageFaults = Math.round(template.pageFaultsPerSecond() * Math.min(age, 600) + 1_000 + random.nextInt(5_000));
        majorPageFaults = random.nextInt(3);
        rootfsUsedBytes = 4096L * (2 + random.nextInt(30));
        logsUsedBytes = Math.min(LOG_ROTATE_BYTES, Math.round(template.logBytesPerSecond() * Math.min(age, 3_600)));
    }

    private double cappedMillicores() {
        double millicores = template.cpuMillicores() * load;
        var limit = template.cpuLimitMillicores();
        return limit == null ? millicores : Math.min(millicores, limit * 0.98);
    }

    private void bound() {
        double floor = Math.max(MI, template.workingSetBytes() * 0.2);
        var limit = template.memoryLimitBytes();
        double ceiling = limit == null ? Double.MAX_VALUE : limit * 0.99;
        workingSetBytes = Math.max(floor, Math.min(ceiling, workingSetBytes));
    }
}
