package io.heapstream.simulator;

import io.heapstream.model.raw.ContainerMeta;
import io.heapstream.model.raw.ContainerStats;
import io.heapstream.model.raw.CpuStats;
import io.heapstream.model.raw.FsStats;
import io.heapstream.model.raw.InterfaceStats;
import io.heapstream.model.raw.MemoryStats;
import io.heapstream.model.raw.NetworkStats;
import io.heapstream.model.raw.NodeMeta;
import io.heapstream.model.raw.NodeStats;
import io.heapstream.model.raw.PodMeta;
import io.heapstream.model.raw.PodRef;
import io.heapstream.model.raw.PodStats;
import io.heapstream.model.raw.RawScrape;
import io.heapstream.model.raw.VolumeStats;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;

/**
 * Reads a node's current state into the model's records: the one place where state becomes numbers, so the
 * kubelet JSON (rendered from these records) and the raw records the producer writes can never disagree.
 */
final class ScrapeBuilder {
    /** What the collector's label filter always drops. */
    static final List<String> DROPPED_LABELS = List.of("pod-template-hash", "controller-revision-hash");

    private ScrapeBuilder() { }

    /** The node at its current slot; {@code withMeta} fills PodMeta and NodeMeta as an enriching collector does. */
    static RawScrape build(SimNode node, boolean withMeta) {
        var time = node.sampleTime();
        var fsCapacity = node.shape.fsCapacityBytes();
        long fsUsed = node.fsUsedBytes();
        long fsAvailable = Math.max(0, fsCapacity * 95 / 100 - fsUsed);
        long inodes = fsCapacity / 16_384;
        var pods = new ArrayList<PodStats>(node.pods.length);
        long inodesUsed = 250_000;
        for (var p : node.pods) {
            inodesUsed += p.ephemeralInodesUsed();
        }
        var rootFs = new FsStats(time, fsAvailable, fsCapacity, fsUsed, inodes - inodesUsed, inodes, inodesUsed);
        for (var p : node.pods) {
            pods.add(pod(p, node, time, rootFs, withMeta));
        }
        long imageInodes = 60_000 + node.imagesUsedBytes / 65_536;
        var imageFs = new FsStats(time, fsAvailable, fsCapacity, node.imagesUsedBytes, inodes - inodesUsed, inodes,
                imageInodes);
        long workingSet = node.workingSet();
        var memory = new MemoryStats(time, node.memoryCapacityBytes - workingSet,
                workingSet + Math.round(node.pageCacheBytes), workingSet, rss(node), node.pageFaults,
                node.majorPageFaults);
        var network = new NetworkStats(time, "eth0", node.rxBytes, 0L, node.txBytes, 0L,
                List.of(new InterfaceStats("eth0", node.rxBytes, 0L, node.txBytes, 0L)));
        var system = List.of(
                system(node.kubelet, time, null),
                system(node.runtime, time, null),
                podsCgroup(node, time));
        var meta = withMeta ? nodeMeta(node) : null;
        var stats = new NodeStats(node.name, node.startTime, new CpuStats(time, node.usageNanoCores(),
                node.cpuCoreNanoSeconds), memory, network, rootFs, imageFs, system, meta);
        return new RawScrape(RawScrape.SCHEMA_VERSION, node.cluster, node.name, node.slot, stats, pods);
    }

    private static PodStats pod(SimPod p, SimNode node, Instant time, FsStats rootFs, boolean withMeta) {
        var containers = new ArrayList<ContainerStats>(p.containers.length);
        for (var c : p.containers) {
            containers.add(container(c, time, rootFs));
        }
        long rx = p.hostNetwork ? node.rxBytes : p.rxBytes;
        long tx = p.hostNetwork ? node.txBytes : p.txBytes;
        long rxErrors = p.hostNetwork ? 0 : p.rxErrors;
        long txErrors = p.hostNetwork ? 0 : p.txErrors;
        var network = new NetworkStats(time, "eth0", rx, rxErrors, tx, txErrors,
                List.of(new InterfaceStats("eth0", rx, rxErrors, tx, txErrors)));
        var volumes = new ArrayList<VolumeStats>(p.volumes.size());
        for (var v : p.volumes) {
            volumes.add(volume(v, time, rootFs));
        }
        long ephemeralUsed = p.ephemeralUsedBytes();
        var ephemeral = new FsStats(time, rootFs.availableBytes(), rootFs.capacityBytes(), ephemeralUsed,
                rootFs.inodesFree(), rootFs.inodes(), p.ephemeralInodesUsed());
        long ws = p.workingSet();
        var memory = new MemoryStats(time, p.availableBytes(), p.usage(), ws, p.rss(), p.pageFaults,
                p.majorPageFaults);
        return new PodStats(new PodRef(p.name, p.workload.namespace(), p.uid), p.startTime, containers,
                new CpuStats(time, p.usageNanoCores(), p.cpuCoreNanoSeconds), memory, network, volumes, ephemeral,
                withMeta ? podMeta(p) : null);
    }

    private static ContainerStats container(SimContainer c, Instant time, FsStats rootFs) {
        var memory = new MemoryStats(time, c.availableBytes(), c.usage(), c.workingSet(), c.rss(), c.pageFaults,
                c.majorPageFaults);
        var rootfs = new FsStats(time, rootFs.availableBytes(), rootFs.capacityBytes(), c.rootfsUsedBytes,
                rootFs.inodesFree(), rootFs.inodes(), 8 + c.rootfsUsedBytes / 65_536);
        var logs = new FsStats(time, rootFs.availableBytes(), rootFs.capacityBytes(), c.logsUsedBytes,
                rootFs.inodesFree(), rootFs.inodes(), 1L);
        return new ContainerStats(c.template.name(), c.startTime, new CpuStats(time, c.usageNanoCores,
                c.cpuCoreNanoSeconds), memory, rootfs, logs, List.of());
    }

    private static ContainerStats system(SimContainer c, Instant time, Long available) {
        var memory = new MemoryStats(time, available, c.usage(), c.workingSet(), c.rss(), c.pageFaults,
                c.majorPageFaults);
        return new ContainerStats(c.template.name(), c.startTime, new CpuStats(time, c.usageNanoCores,
                c.cpuCoreNanoSeconds), memory, null, null, List.of());
    }

    /** The {@code pods} system container: the kubepods cgroup, all pods together, bounded by allocatable. */
    private static ContainerStats podsCgroup(SimNode node, Instant time) {
        long ws = node.podsWorkingSet();
        long rss = 0;
        long usage = 0;
        for (var p : node.pods) {
            rss += p.rss();
            usage += p.usage();
        }
        var memory = new MemoryStats(time, Math.max(0, node.shape.memoryAllocatableBytes() - ws), usage, ws, rss,
                node.podsPageFaults, node.podsMajorPageFaults);
        return new ContainerStats("pods", node.startTime.plusSeconds(4), new CpuStats(time,
                node.podsUsageNanoCores(), node.podsCpuCoreNanoSeconds), memory, null, null, List.of());
    }

    private static long rss(SimNode node) {
        long sum = node.kubelet.rss() + node.runtime.rss() + node.host.rss();
        for (var p : node.pods) {
            sum += p.rss();
        }
        return sum;
    }

    private static VolumeStats volume(SimVolume v, Instant time, FsStats rootFs) {
        return switch (v.type) {
            case EMPTY_DIR -> new VolumeStats(v.name, null, time, rootFs.availableBytes(), rootFs.capacityBytes(),
                    v.usedBytes, rootFs.inodesFree(), rootFs.inodes(), v.inodesUsed);
            default -> new VolumeStats(v.name, v.pvcName, time, v.capacityBytes - v.usedBytes, v.capacityBytes,
                    v.usedBytes, v.inodes - v.inodesUsed, v.inodes, v.inodesUsed);
        };
    }

    /**
     * As a collector's default label filter leaves it: the controllers' hash labels dropped (they change with
     * every rollout and would split series). Cached on the pod until a restart changes a restart count.
     */
    private static PodMeta podMeta(SimPod p) {
        int restarts = 0;
        for (var c : p.containers) {
            restarts += c.restartCount;
        }
        if (p.meta != null && p.metaRestarts == restarts) {
            return p.meta;
        }
        var containers = new HashMap<String, ContainerMeta>();
        for (var c : p.containers) {
            var t = c.template;
            containers.put(t.name(), new ContainerMeta(t.image(), t.cpuRequestMillicores(), t.cpuLimitMillicores(),
                    t.memoryRequestBytes(), t.memoryLimitBytes(), c.restartCount));
        }
        var labels = new HashMap<>(p.labels);
        labels.keySet().removeAll(DROPPED_LABELS);
        var w = p.workload;
        var workloadName = w.kind() == Workload.Kind.BARE_POD ? p.name : w.name();
        p.meta = new PodMeta(labels, w.kind().apiKind, workloadName, w.qosClass(), containers);
        p.metaRestarts = restarts;
        return p.meta;
    }

    private static NodeMeta nodeMeta(SimNode node) {
        var s = node.shape;
        return new NodeMeta(s.cpuCapacityMillicores(), s.cpuAllocatableMillicores(), s.memoryCapacityBytes(),
                s.memoryAllocatableBytes(), s.labels());
    }
}
