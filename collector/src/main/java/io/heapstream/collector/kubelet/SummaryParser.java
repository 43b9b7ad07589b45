package io.heapstream.collector.kubelet;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import io.heapstream.model.raw.AcceleratorStats;
import io.heapstream.model.raw.ContainerStats;
import io.heapstream.model.raw.CpuStats;
import io.heapstream.model.raw.FsStats;
import io.heapstream.model.raw.MemoryStats;
import io.heapstream.model.raw.NetworkStats;
import io.heapstream.model.raw.NodeStats;
import io.heapstream.model.raw.PodRef;
import io.heapstream.model.raw.PodStats;
import io.heapstream.model.raw.VolumeStats;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * Pure: the bytes of a kubelet {@code GET /stats/summary} in, {@link KubeletSummary} out, or a {@link ParseError}.
 * A streaming parser rather than data binding, because the API's quirks are per field: unsigned 64-bit counters,
 * {@code null} slices, the hyphenated {@code ephemeral-storage}, network counters inlined beside
 * {@code interfaces}, {@code runtime.imageFs}, and containers listed twice by some kubelets. It also keeps the
 * cost of a 110-pod scrape to one pass without reflection.
 */
public final class SummaryParser {
    private static final JsonFactory JSON = new JsonFactory();

    private SummaryParser() { }

    public static KubeletSummary parse(byte[] body) throws ParseError {
        try (JsonParser p = JSON.createParser(body)) {
            var r = new StatsReader(p);
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw r.invalid("expected the summary object");
            }
            NodeStats node = null;
            List<PodStats> pods = List.of();
            int[] skipped = {0};
            while (r.nextField()) {
                switch (p.currentName()) {
                    case "node" -> node = node(r);
                    case "pods" -> pods = pods(r, skipped);
                    default -> p.skipChildren();
                }
            }
            if (p.nextToken() != null) {
                throw r.invalid("expected the end of the body");
            }
            if (node == null) {
                throw new StatsReader.InvalidShape("the summary has no node");
            }
            return new KubeletSummary(node, pods, r.outOfRange(), skipped[0]);
        } catch (StatsReader.InvalidShape e) {
            throw new ParseError(ParseError.INVALID, e.getMessage(), e);
        } catch (JsonEOFException e) {
            throw new ParseError(ParseError.TRUNCATED, "the body ends inside a JSON value at byte "
                    + e.getLocation().getByteOffset(), e);
        } catch (StreamReadException e) {
            // An end of input inside a string or name is not always reported as JsonEOFException.
            long at = e.getLocation() == null ? -1 : e.getLocation().getByteOffset();
            if (at >= body.length) {
                throw new ParseError(ParseError.TRUNCATED, "the body ends inside a JSON value at byte " + at, e);
            }
            throw new ParseError(ParseError.MALFORMED, "not JSON at byte " + at, e);
        } catch (IOException e) {
            throw new ParseError(ParseError.MALFORMED, "unreadable body: " + e.getClass().getSimpleName(), e);
        }
    }

    private static NodeStats node(StatsReader r) throws IOException {
        if (!r.object()) {
            return null;
        }
        JsonParser p = r.p;
        String name = null;
        Instant start = null;
        CpuStats cpu = null;
        MemoryStats memory = null;
        NetworkStats network = null;
        FsStats fs = null;
        FsStats imageFs = null;
        List<ContainerStats> system = List.of();
        while (r.nextField()) {
            switch (p.currentName()) {
                case "nodeName" -> name = r.string();
                case "startTime" -> start = r.time();
                case "cpu" -> cpu = r.cpu();
                case "memory" -> memory = r.memory();
                case "network" -> network = r.network();
                case "fs" -> fs = r.fs();
                case "runtime" -> imageFs = imageFs(r);
                case "systemContainers" -> system = containers(r);
                default -> p.skipChildren();
            }
        }
        return new NodeStats(name, start, cpu, memory, network, fs, imageFs, system, null);
    }

    private static FsStats imageFs(StatsReader r) throws IOException {
        if (!r.object()) {
            return null;
        }
        FsStats imageFs = null;
        while (r.nextField()) {
            if (r.p.currentName().equals("imageFs")) {
                imageFs = r.fs();
            } else {
                r.p.skipChildren();
            }
        }
        return imageFs;
    }

    private static List<PodStats> pods(StatsReader r, int[] skipped) throws IOException {
        if (!r.array()) {
            return List.of();
        }
        var pods = new ArrayList<PodStats>();
        while (r.p.nextToken() != JsonToken.END_ARRAY) {
            PodStats pod = pod(r);
            if (pod == null) {
                skipped[0]++;
            } else {
                pods.add(pod);
            }
        }
        return pods;
    }

    /** A pod, or {@code null} when it has no name or namespace to report it under. */
    private static PodStats pod(StatsReader r) throws IOException {
        if (!r.object()) {
            return null;
        }
        JsonParser p = r.p;
        String[] ref = new String[3];
        Instant start = null;
        List<ContainerStats> containers = List.of();
        CpuStats cpu = null;
        MemoryStats memory = null;
        NetworkStats network = null;
        List<VolumeStats> volumes = List.of();
        FsStats ephemeral = null;
        while (r.nextField()) {
            switch (p.currentName()) {
                case "podRef" -> podRef(r, ref);
                case "startTime" -> start = r.time();
                case "containers" -> containers = containers(r);
                case "cpu" -> cpu = r.cpu();
                case "memory" -> memory = r.memory();
                case "network" -> network = r.network();
                case "volume" -> volumes = volumes(r);
                case "ephemeral-storage" -> ephemeral = r.fs();
                default -> p.skipChildren();
            }
        }
        if (ref[0] == null || ref[0].isEmpty() || ref[1] == null || ref[1].isEmpty()) {
            return null;
        }
        return new PodStats(new PodRef(ref[0], ref[1], ref[2]), start, containers, cpu, memory, network, volumes,
                ephemeral, null);
    }

    private static void podRef(StatsReader r, String[] ref) throws IOException {
        if (!r.object()) {
            return;
        }
        while (r.nextField()) {
            switch (r.p.currentName()) {
                case "name" -> ref[0] = r.string();
                case "namespace" -> ref[1] = r.string();
                case "uid" -> ref[2] = r.string();
                default -> r.p.skipChildren();
            }
        }
    }

    private static List<VolumeStats> volumes(StatsReader r) throws IOException {
        if (!r.array()) {
            return List.of();
        }
        var list = new ArrayList<VolumeStats>();
        while (r.p.nextToken() != JsonToken.END_ARRAY) {
            VolumeStats v = r.volume();
            if (v != null) {
                list.add(v);
            }
        }
        return list;
    }

    /** Containers by name; when a kubelet lists one twice, the later sample wins. */
    private static List<ContainerStats> containers(StatsReader r) throws IOException {
        if (!r.array()) {
            return List.of();
        }
        var byName = new LinkedHashMap<String, ContainerStats>();
        while (r.p.nextToken() != JsonToken.END_ARRAY) {
            ContainerStats c = container(r);
            if (c == null) {
                continue;
            }
            ContainerStats seen = byName.get(c.name());
            if (seen == null || isLater(sampleTime(c), sampleTime(seen))) {
                byName.put(c.name(), c);
            }
        }
        return new ArrayList<>(byName.values());
    }

    private static ContainerStats container(StatsReader r) throws IOException {
        if (!r.object()) {
            return null;
        }
        JsonParser p = r.p;
        String name = null;
        Instant start = null;
        CpuStats cpu = null;
        MemoryStats memory = null;
        FsStats rootfs = null;
        FsStats logs = null;
        List<AcceleratorStats> accelerators = List.of();
        while (r.nextField()) {
            switch (p.currentName()) {
                case "name" -> name = r.string();
                case "startTime" -> start = r.time();
                case "cpu" -> cpu = r.cpu();
                case "memory" -> memory = r.memory();
                case "rootfs" -> rootfs = r.fs();
                case "logs" -> logs = r.fs();
                case "accelerators" -> accelerators = r.accelerators();
                default -> p.skipChildren();
            }
        }
        return name == null ? null : new ContainerStats(name, start, cpu, memory, rootfs, logs, accelerators);
    }

    private static Instant sampleTime(ContainerStats c) {
        Instant cpu = c.cpu() == null ? null : c.cpu().time();
        Instant memory = c.memory() == null ? null : c.memory().time();
        return isLater(memory, cpu) ? memory : cpu;
    }

    private static boolean isLater(Instant a, Instant b) {
        return a != null && (b == null || a.isAfter(b));
    }
}
