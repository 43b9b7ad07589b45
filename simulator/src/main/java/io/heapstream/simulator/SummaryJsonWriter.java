package io.heapstream.simulator;

import io.heapstream.model.raw.ContainerStats;
import io.heapstream.model.raw.CpuStats;
import io.heapstream.model.raw.FsStats;
import io.heapstream.model.raw.MemoryStats;
import io.heapstream.model.raw.NetworkStats;
import io.heapstream.model.raw.PodStats;
import io.heapstream.model.raw.RawScrape;
import io.heapstream.model.raw.VolumeStats;
import java.time.Instant;

/**
 * Writes a node's scrape as the kubelet's {@code GET /stats/summary} body ({@code stats/v1alpha1}): the field
 * names, nesting and order of the real captures — {@code runtime.imageFs}/{@code containerFs}, inlined
 * network counters and volume filesystem fields, {@code ephemeral-storage}, {@code process_stats}, swap and
 * rlimit — with the numbers of the {@link RawScrape} built from the same state.
 */
final class SummaryJsonWriter {
    private SummaryJsonWriter() { }

    static String write(RawScrape scrape, long processes) {
        var node = scrape.nodeStats();
        var time = node.cpu().time();
        var json = new JsonText(2_048 + 3_072 * scrape.pods().size()).begin().begin("node");
        json.field("nodeName", node.nodeName()).array("systemContainers");
        for (var c : node.systemContainers()) {
            container(json.begin(), c).begin("swap").field("time", time).field("swapUsageBytes", 0L).end().end();
        }
        json.endArray().field("startTime", node.startTime());
        cpu(json, "cpu", node.cpu());
        memory(json, node.memory());
        network(json, node.network());
        fs(json, "fs", node.fs());
        json.begin("runtime");
        fs(json, "imageFs", node.imageFs());
        fs(json, "containerFs", node.imageFs());
        json.end();
        json.begin("rlimit").field("time", time).field("maxpid", 4_194_304L).field("curproc", processes).end();
        json.begin("swap").field("time", time).field("swapAvailableBytes", 0L).field("swapUsageBytes", 0L).end();
        json.end().array("pods");
        for (var p : scrape.pods()) {
            pod(json.begin(), p, time).end();
        }
        return json.endArray().end().toString();
    }

    private static JsonText pod(JsonText json, PodStats p, Instant time) {
        json.begin("podRef").field("name", p.podRef().name()).field("namespace", p.podRef().namespace())
                .field("uid", p.podRef().uid()).end();
        json.field("startTime", p.startTime()).array("containers");
        for (var c : p.containers()) {
            container(json.begin(), c);
            fs(json, "rootfs", c.rootfs());
            fs(json, "logs", c.logs());
            json.begin("swap").field("time", time)
                    .field("swapAvailableBytes", c.memory().availableBytes() == null ? null : 0L)
                    .field("swapUsageBytes", 0L).end();
            json.end();
        }
        json.endArray();
        cpu(json, "cpu", p.cpu());
        memory(json, p.memory());
        network(json, p.network());
        json.array("volume");
        for (var v : p.volume()) {
            volume(json.begin(), v, p.podRef().namespace()).end();
        }
        json.endArray();
        fs(json, "ephemeral-storage", p.ephemeralStorage());
        json.begin("process_stats").field("process_count", (long) p.containers().size()).end();
        json.begin("swap").field("time", time).field("swapUsageBytes", 0L).end();
        return json;
    }

    private static JsonText container(JsonText json, ContainerStats c) {
        json.field("name", c.name()).field("startTime", c.startTime());
        cpu(json, "cpu", c.cpu());
        memory(json, c.memory());
        return json;
    }

    private static JsonText volume(JsonText json, VolumeStats v, String namespace) {
        json.field("time", v.time()).field("availableBytes", v.availableBytes())
                .field("capacityBytes", v.capacityBytes()).field("usedBytes", v.usedBytes())
                .field("inodesFree", v.inodesFree()).field("inodes", v.inodes())
                .field("inodesUsed", v.inodesUsed()).field("name", v.name());
        if (v.pvcName() != null) {
            json.begin("pvcRef").field("name", v.pvcName()).field("namespace", namespace).end();
        }
        return json;
    }

    // The kubelet's cpu, memory, network and fs blocks: the raw record keeps the kubelet's field names for them.

    private static void cpu(JsonText json, String name, CpuStats cpu) {
        if (cpu != null) {
            json.begin(name).field("time", cpu.time()).field("usageNanoCores", cpu.usageNanoCores())
                    .field("usageCoreNanoSeconds", cpu.usageCoreNanoSeconds()).end();
        }
    }

    private static void memory(JsonText json, MemoryStats m) {
        if (m != null) {
            json.begin("memory").field("time", m.time()).field("availableBytes", m.availableBytes())
                    .field("usageBytes", m.usageBytes()).field("workingSetBytes", m.workingSetBytes())
                    .field("rssBytes", m.rssBytes()).field("pageFaults", m.pageFaults())
                    .field("majorPageFaults", m.majorPageFaults()).end();
        }
    }

    private static void network(JsonText json, NetworkStats n) {
        if (n == null) {
            return;
        }
        json.begin("network").field("time", n.time()).field("name", n.name()).field("rxBytes", n.rxBytes())
                .field("rxErrors", n.rxErrors()).field("txBytes", n.txBytes()).field("txErrors", n.txErrors())
                .array("interfaces");
        for (var i : n.interfaces()) {
            json.begin().field("name", i.name()).field("rxBytes", i.rxBytes()).field("rxErrors", i.rxErrors())
                    .field("txBytes", i.txBytes()).field("txErrors", i.txErrors()).end();
        }
        json.endArray().end();
    }

    private static void fs(JsonText json, String name, FsStats fs) {
        if (fs != null) {
            json.begin(name).field("time", fs.time()).field("availableBytes", fs.availableBytes())
                    .field("capacityBytes", fs.capacityBytes()).field("usedBytes", fs.usedBytes())
                    .field("inodesFree", fs.inodesFree()).field("inodes", fs.inodes())
                    .field("inodesUsed", fs.inodesUsed()).end();
        }
    }
}
