package io.heapstream.model.codec;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.heapstream.model.Json;
import io.heapstream.model.raw.AcceleratorStats;
import io.heapstream.model.raw.ContainerMeta;
import io.heapstream.model.raw.ContainerStats;
import io.heapstream.model.raw.CpuStats;
import io.heapstream.model.raw.FsStats;
import io.heapstream.model.raw.MemoryStats;
import io.heapstream.model.raw.NetworkStats;
import io.heapstream.model.raw.NodeMeta;
import io.heapstream.model.raw.NodeStats;
import io.heapstream.model.raw.PodMeta;
import io.heapstream.model.raw.PodRef;
import io.heapstream.model.raw.PodStats;
import io.heapstream.model.raw.RawScrape;
import io.heapstream.model.raw.VolumeStats;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The raw scrape's fast reader, beside its writer {@link RawScrapeWriter}. Reads a raw record's JSON with Jackson's
 * streaming parser into a <em>pruned</em> {@link RawScrape}: only the fields the aggregator's {@code SampleExtractor}
 * uses are read (a field it starts to use is added here); the rest (interfaces, usageNanoCores, times of filesystems,
 * unknown fields) are skipped unread with {@code skipChildren()}, so the record graph is a fraction of the full
 * one and no databind machinery runs. A scrape has ~70 kB of JSON of which the aggregator needs perhaps half, and
 * reading it was the largest single cost of the node stage.
 *
 * <p>It accepts only the canonical shape the collector writes (integers as JSON integers, times as strings or epoch
 * milliseconds, strings as strings); anything else — a number in quotes, a float where an integer belongs, a malformed
 * time — throws, and the aggregator's {@code RawRecordDeserializer} falls back to the databind reader, which keeps
 * Jackson's coercions and its dead-letter decisions exactly as they were.
 */
public final class ScrapeReader {
    // field names read per object, with their types in JsonValues.object's codes
    private static final String[] POD_REF = {"name", "namespace", "uid"};
    private static final String[] CPU = {"time", "usageCoreNanoSeconds"};
    private static final String[] MEMORY = {"time", "usageBytes", "workingSetBytes", "rssBytes", "pageFaults",
        "majorPageFaults"};
    private static final String[] NETWORK = {"time", "rxBytes", "rxErrors", "txBytes", "txErrors"};
    private static final String[] FS = {"availableBytes", "capacityBytes", "usedBytes", "inodesFree", "inodes"};
    private static final String[] VOLUME = {"name", "availableBytes", "capacityBytes", "usedBytes", "inodesFree",
        "inodes"};
    private static final String[] ACCELERATOR = {"make", "model", "id", "memoryTotal", "memoryUsed", "dutyCycle"};
    private static final String[] NODE_META = {"cpuCapacityMillicores", "cpuAllocatableMillicores",
        "memoryCapacityBytes", "memoryAllocatableBytes", "ephemeralStorageCapacityBytes",
        "ephemeralStorageAllocatableBytes"};
    private static final String[] CONTAINER_META = {"image", "cpuRequestMillicores", "cpuLimitMillicores",
        "memoryRequestBytes", "memoryLimitBytes", "restartCount", "ephemeralStorageRequestBytes",
        "ephemeralStorageLimitBytes", "init"};

    private ScrapeReader() { }

    /** The scrape, or {@code null} for the JSON literal {@code null} (what databind returns for it). */
    public static RawScrape read(byte[] json) throws IOException {
        try (var p = Json.mapper().getFactory().createParser(json)) {
            var first = p.nextToken();
            if (first == JsonToken.VALUE_NULL) {
                return null;
            }
            expectObject(p);
            int version = 0;
            String cluster = null;
            String node = null;
            Instant scrapeTime = null;
            NodeStats nodeStats = null;
            List<PodStats> pods = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                var field = p.currentName();
                p.nextToken();
                switch (field) {
                    case "schemaVersion" -> version = p.currentToken() == JsonToken.VALUE_NULL ? 0 : intValue(p);
                    case "cluster" -> cluster = JsonValues.string(p);
                    case "node" -> node = JsonValues.string(p);
                    case "scrapeTime" -> scrapeTime = JsonValues.instant(p);
                    case "nodeStats" -> nodeStats = nodeStats(p);
                    case "pods" -> pods = JsonValues.list(p, ScrapeReader::pod);
                    default -> p.skipChildren();
                }
            }
            return new RawScrape(version, cluster, node, scrapeTime, nodeStats, pods);
        }
    }

    private static NodeStats nodeStats(JsonParser p) throws IOException {
        if (JsonValues.isNull(p)) {
            return null;
        }
        expectObject(p);
        Instant start = null;
        CpuStats cpu = null;
        MemoryStats memory = null;
        NetworkStats network = null;
        FsStats fs = null;
        FsStats imageFs = null;
        List<ContainerStats> system = null;
        NodeMeta meta = null;
        Map<String, Long> gauges = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            var field = p.currentName();
            p.nextToken();
            switch (field) {
                case "startTime" -> start = JsonValues.instant(p);
                case "cpu" -> cpu = cpu(p);
                case "memory" -> memory = memory(p);
                case "network" -> network = network(p);
                case "fs" -> fs = fs(p);
                case "imageFs" -> imageFs = fs(p);
                case "systemContainers" -> system = JsonValues.list(p, ScrapeReader::container);
                case "meta" -> meta = nodeMeta(p);
                case "gauges" -> gauges = JsonValues.map(p, JsonValues::longValue);
                default -> p.skipChildren();
            }
        }
        return new NodeStats(null, start, cpu, memory, network, fs, imageFs, system, meta, gauges);
    }

    private static PodStats pod(JsonParser p) throws IOException {
        if (JsonValues.isNull(p)) {
            return null;
        }
        expectObject(p);
        PodRef ref = null;
        Instant start = null;
        List<ContainerStats> containers = null;
        NetworkStats network = null;
        List<VolumeStats> volumes = null;
        FsStats ephemeral = null;
        CpuStats cpu = null;
        MemoryStats memory = null;
        PodMeta meta = null;
        Map<String, Long> gauges = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            var field = p.currentName();
            p.nextToken();
            switch (field) {
                case "podRef" -> ref = podRef(p);
                case "startTime" -> start = JsonValues.instant(p);
                case "containers" -> containers = JsonValues.list(p, ScrapeReader::container);
                case "cpu" -> cpu = cpu(p);
                case "memory" -> memory = memory(p);
                case "network" -> network = network(p);
                case "volume" -> volumes = JsonValues.list(p, ScrapeReader::volume);
                case "ephemeral-storage" -> ephemeral = fs(p);
                case "meta" -> meta = podMeta(p);
                case "gauges" -> gauges = JsonValues.map(p, JsonValues::longValue);
                default -> p.skipChildren();
            }
        }
        return new PodStats(ref, start, containers, cpu, memory, network, volumes, ephemeral, meta, gauges);
    }

    private static PodRef podRef(JsonParser p) throws IOException {
        var v = JsonValues.object(p, POD_REF, "SSS");
        return v == null ? null : new PodRef((String) v[0], (String) v[1], (String) v[2]);
    }

    private static ContainerStats container(JsonParser p) throws IOException {
        if (JsonValues.isNull(p)) {
            return null;
        }
        expectObject(p);
        String name = null;
        Instant start = null;
        CpuStats cpu = null;
        MemoryStats memory = null;
        FsStats rootfs = null;
        FsStats logs = null;
        List<AcceleratorStats> accelerators = null;
        Map<String, Long> gauges = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            var field = p.currentName();
            p.nextToken();
            switch (field) {
                case "name" -> name = JsonValues.string(p);
                case "startTime" -> start = JsonValues.instant(p);
                case "cpu" -> cpu = cpu(p);
                case "memory" -> memory = memory(p);
                case "rootfs" -> rootfs = fs(p);
                case "logs" -> logs = fs(p);
                case "accelerators" -> accelerators = JsonValues.list(p, ScrapeReader::accelerator);
                case "gauges" -> gauges = JsonValues.map(p, JsonValues::longValue);
                default -> p.skipChildren();
            }
        }
        return new ContainerStats(name, start, cpu, memory, rootfs, logs, accelerators, gauges);
    }

    private static CpuStats cpu(JsonParser p) throws IOException {
        var v = JsonValues.object(p, CPU, "TL");
        return v == null ? null : new CpuStats((Instant) v[0], null, (Long) v[1]);
    }

    private static MemoryStats memory(JsonParser p) throws IOException {
        var v = JsonValues.object(p, MEMORY, "TLLLLL");
        return v == null ? null : new MemoryStats((Instant) v[0], null, (Long) v[1], (Long) v[2],
                (Long) v[3], (Long) v[4], (Long) v[5]);
    }

    private static NetworkStats network(JsonParser p) throws IOException {
        var v = JsonValues.object(p, NETWORK, "TLLLL");
        return v == null ? null : new NetworkStats((Instant) v[0], null, (Long) v[1], (Long) v[2],
                (Long) v[3], (Long) v[4], null);
    }

    private static FsStats fs(JsonParser p) throws IOException {
        var v = JsonValues.object(p, FS, "LLLLL");
        return v == null ? null : new FsStats(null, (Long) v[0], (Long) v[1], (Long) v[2], (Long) v[3],
                (Long) v[4], null);
    }

    private static VolumeStats volume(JsonParser p) throws IOException {
        var v = JsonValues.object(p, VOLUME, "SLLLLL");
        return v == null ? null : new VolumeStats((String) v[0], null, null, (Long) v[1], (Long) v[2], (Long) v[3],
                (Long) v[4], (Long) v[5], null);
    }

    private static AcceleratorStats accelerator(JsonParser p) throws IOException {
        var v = JsonValues.object(p, ACCELERATOR, "SSSLLL");
        return v == null ? null : new AcceleratorStats((String) v[0], (String) v[1], (String) v[2], (Long) v[3],
                (Long) v[4], (Long) v[5]);
    }

    private static NodeMeta nodeMeta(JsonParser p) throws IOException {
        if (JsonValues.isNull(p)) {
            return null;
        }
        expectObject(p);
        var v = new Long[NODE_META.length];
        Map<String, String> labels = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            var field = p.currentName();
            p.nextToken();
            int at = List.of(NODE_META).indexOf(field);
            if (at >= 0) {
                v[at] = JsonValues.longValue(p);
            } else if (field.equals("labels")) {
                labels = JsonValues.map(p, JsonValues::string);
            } else {
                p.skipChildren();
            }
        }
        return new NodeMeta(v[0], v[1], v[2], v[3], labels, v[4], v[5]);
    }

    private static PodMeta podMeta(JsonParser p) throws IOException {
        if (JsonValues.isNull(p)) {
            return null;
        }
        expectObject(p);
        Map<String, String> labels = null;
        String kind = null;
        String name = null;
        Map<String, ContainerMeta> containers = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            var field = p.currentName();
            p.nextToken();
            switch (field) {
                case "labels" -> labels = JsonValues.map(p, JsonValues::string);
                case "workloadKind" -> kind = JsonValues.string(p);
                case "workloadName" -> name = JsonValues.string(p);
                case "containers" -> containers = JsonValues.map(p, ScrapeReader::containerMeta);
                default -> p.skipChildren();
            }
        }
        return new PodMeta(labels, kind, name, null, containers);
    }

    private static ContainerMeta containerMeta(JsonParser p) throws IOException {
        var v = JsonValues.object(p, CONTAINER_META, "SLLLLILLB");
        return v == null ? null : new ContainerMeta((String) v[0], (Long) v[1], (Long) v[2], (Long) v[3],
                (Long) v[4], (Integer) v[5], (Long) v[6], (Long) v[7], (Boolean) v[8]);
    }

    private static int intValue(JsonParser p) throws IOException {
        if (p.currentToken() != JsonToken.VALUE_NUMBER_INT) {
            throw JsonValues.unusual(p);
        }
        return p.getIntValue();
    }

    private static void expectObject(JsonParser p) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw JsonValues.unusual(p);
        }
    }
}
