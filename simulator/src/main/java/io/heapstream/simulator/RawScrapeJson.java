package io.heapstream.simulator;

import io.heapstream.model.raw.AcceleratorStats;
import io.heapstream.model.raw.ContainerMeta;
import io.heapstream.model.raw.ContainerStats;
import io.heapstream.model.raw.CpuStats;
import io.heapstream.model.raw.FsStats;
import io.heapstream.model.raw.MemoryStats;
import io.heapstream.model.raw.NetworkStats;
import io.heapstream.model.raw.NodeMeta;
import io.heapstream.model.raw.PodMeta;
import io.heapstream.model.raw.PodStats;
import io.heapstream.model.raw.RawScrape;
import io.heapstream.model.raw.VolumeStats;
import java.util.List;
import java.util.Map;

/**
 * Writes a {@link RawScrape} as the same bytes {@code Topics.RAW_SCRAPE}'s Jackson serializer writes (fields in
 * record order, nulls left out, whole-second ISO instants), several times faster: benchmarks must fill the raw
 * topic faster than the aggregator reads it, and formatting hundreds of instants per scrape is most of
 * Jackson's time. A test compares both byte for byte, so a field added to the model and missing here fails it.
 */
public final class RawScrapeJson {
    private RawScrapeJson() { }

    /** UTF-8 JSON, equal to {@code Topics.RAW_SCRAPE.serializer().serialize(topic, scrape)}. */
    public static byte[] bytes(RawScrape scrape) {
        return writer(scrape).toBytes();
    }

    /** The same JSON as a string. */
    public static String string(RawScrape scrape) {
        return writer(scrape).toString();
    }

    private static JsonText writer(RawScrape s) {
        var json = new JsonText(4_096 + 2_500 * s.pods().size()).begin();
        json.field("schemaVersion", (long) s.schemaVersion()).field("cluster", s.cluster()).field("node", s.node())
                .field("scrapeTime", s.scrapeTime());
        var n = s.nodeStats();
        if (n != null) {
            json.begin("nodeStats").field("nodeName", n.nodeName()).field("startTime", n.startTime());
            cpu(json, "cpu", n.cpu());
            memory(json, n.memory());
            network(json, n.network());
            fs(json, "fs", n.fs());
            fs(json, "imageFs", n.imageFs());
            containers(json, "systemContainers", n.systemContainers());
            nodeMeta(json, n.meta());
            json.end();
        }
        json.array("pods");
        for (var p : s.pods()) {
            pod(json.begin(), p).end();
        }
        return json.endArray().end();
    }

    private static JsonText pod(JsonText json, PodStats p) {
        if (p.podRef() != null) {
            json.begin("podRef").field("name", p.podRef().name()).field("namespace", p.podRef().namespace())
                    .field("uid", p.podRef().uid()).end();
        }
        json.field("startTime", p.startTime());
        containers(json, "containers", p.containers());
        cpu(json, "cpu", p.cpu());
        memory(json, p.memory());
        network(json, p.network());
        json.array("volume");
        for (var v : p.volume()) {
            volume(json.begin(), v).end();
        }
        json.endArray();
        fs(json, "ephemeral-storage", p.ephemeralStorage());
        podMeta(json, p.meta());
        return json;
    }

    private static void containers(JsonText json, String name, List<ContainerStats> containers) {
        json.array(name);
        for (var c : containers) {
            json.begin().field("name", c.name()).field("startTime", c.startTime());
            cpu(json, "cpu", c.cpu());
            memory(json, c.memory());
            fs(json, "rootfs", c.rootfs());
            fs(json, "logs", c.logs());
            json.array("accelerators");
            for (AcceleratorStats a : c.accelerators()) {
                json.begin().field("make", a.make()).field("model", a.model()).field("id", a.id())
                        .field("memoryTotal", a.memoryTotal()).field("memoryUsed", a.memoryUsed())
                        .field("dutyCycle", a.dutyCycle()).end();
            }
            json.endArray().end();
        }
        json.endArray();
    }

    // cpu, memory, network and fs blocks have the kubelet's field names in the model too: SummaryJsonWriter
    // writes them with these

    static void cpu(JsonText json, String name, CpuStats cpu) {
        if (cpu != null) {
            json.begin(name).field("time", cpu.time()).field("usageNanoCores", cpu.usageNanoCores())
                    .field("usageCoreNanoSeconds", cpu.usageCoreNanoSeconds()).end();
        }
    }

    static void memory(JsonText json, MemoryStats m) {
        if (m != null) {
            json.begin("memory").field("time", m.time()).field("availableBytes", m.availableBytes())
                    .field("usageBytes", m.usageBytes()).field("workingSetBytes", m.workingSetBytes())
                    .field("rssBytes", m.rssBytes()).field("pageFaults", m.pageFaults())
                    .field("majorPageFaults", m.majorPageFaults()).end();
        }
    }

    static void network(JsonText json, NetworkStats n) {
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

    static void fs(JsonText json, String name, FsStats fs) {
        if (fs != null) {
            json.begin(name).field("time", fs.time()).field("availableBytes", fs.availableBytes())
                    .field("capacityBytes", fs.capacityBytes()).field("usedBytes", fs.usedBytes())
                    .field("inodesFree", fs.inodesFree()).field("inodes", fs.inodes())
                    .field("inodesUsed", fs.inodesUsed()).end();
        }
    }

    private static JsonText volume(JsonText json, VolumeStats v) {
        return json.field("name", v.name()).field("pvcName", v.pvcName()).field("time", v.time())
                .field("availableBytes", v.availableBytes()).field("capacityBytes", v.capacityBytes())
                .field("usedBytes", v.usedBytes()).field("inodesFree", v.inodesFree()).field("inodes", v.inodes())
                .field("inodesUsed", v.inodesUsed());
    }

    private static void nodeMeta(JsonText json, NodeMeta m) {
        if (m != null) {
            json.begin("meta").field("cpuCapacityMillicores", m.cpuCapacityMillicores())
                    .field("cpuAllocatableMillicores", m.cpuAllocatableMillicores())
                    .field("memoryCapacityBytes", m.memoryCapacityBytes())
                    .field("memoryAllocatableBytes", m.memoryAllocatableBytes());
            strings(json, "labels", m.labels()).end();
        }
    }

    private static void podMeta(JsonText json, PodMeta m) {
        if (m == null) {
            return;
        }
        strings(json.begin("meta"), "labels", m.labels()).field("workloadKind", m.workloadKind())
                .field("workloadName", m.workloadName()).field("qosClass", m.qosClass()).begin("containers");
        for (Map.Entry<String, ContainerMeta> e : m.containers().entrySet()) {
            var c = e.getValue();
            json.begin(e.getKey()).field("image", c.image()).field("cpuRequestMillicores", c.cpuRequestMillicores())
                    .field("cpuLimitMillicores", c.cpuLimitMillicores())
                    .field("memoryRequestBytes", c.memoryRequestBytes())
                    .field("memoryLimitBytes", c.memoryLimitBytes())
                    .field("restartCount", c.restartCount() == null ? null : (long) c.restartCount()).end();
        }
        json.end().end();
    }

    private static JsonText strings(JsonText json, String name, Map<String, String> map) {
        json.begin(name);
        map.forEach(json::field);
        return json.end();
    }
}
