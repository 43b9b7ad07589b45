package io.heapstream.simulator;

import io.heapstream.model.raw.ContainerStats;
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
        RawScrapeJson.cpu(json, "cpu", node.cpu());
        RawScrapeJson.memory(json, node.memory());
        RawScrapeJson.network(json, node.network());
        RawScrapeJson.fs(json, "fs", node.fs());
        json.begin("runtime");
        RawScrapeJson.fs(json, "imageFs", node.imageFs());
        RawScrapeJson.fs(json, "containerFs", node.imageFs());
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
            RawScrapeJson.fs(json, "rootfs", c.rootfs());
            RawScrapeJson.fs(json, "logs", c.logs());
            json.begin("swap").field("time", time)
                    .field("swapAvailableBytes", c.memory().availableBytes() == null ? null : 0L)
                    .field("swapUsageBytes", 0L).end();
            json.end();
        }
        json.endArray();
        RawScrapeJson.cpu(json, "cpu", p.cpu());
        RawScrapeJson.memory(json, p.memory());
        RawScrapeJson.network(json, p.network());
        json.array("volume");
        for (var v : p.volume()) {
            volume(json.begin(), v, p.podRef().namespace()).end();
        }
        json.endArray();
        RawScrapeJson.fs(json, "ephemeral-storage", p.ephemeralStorage());
        json.begin("process_stats").field("process_count", (long) p.containers().size()).end();
        json.begin("swap").field("time", time).field("swapUsageBytes", 0L).end();
        return json;
    }

    private static JsonText container(JsonText json, ContainerStats c) {
        json.field("name", c.name()).field("startTime", c.startTime());
        RawScrapeJson.cpu(json, "cpu", c.cpu());
        RawScrapeJson.memory(json, c.memory());
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
}
