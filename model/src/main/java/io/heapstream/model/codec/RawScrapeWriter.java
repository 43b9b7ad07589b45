package io.heapstream.model.codec;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import io.heapstream.model.UtcTimes;
import io.heapstream.model.raw.AcceleratorStats;
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
import io.heapstream.model.raw.PodStats;
import io.heapstream.model.raw.RawScrape;
import io.heapstream.model.raw.VolumeStats;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/**
 * The raw scrape's fast writer, beside its fast reader {@link ScrapeReader}. Writes a {@link RawScrape} with a
 * streaming generator, byte for byte what the model's serde ({@code Topics.RAW_SCRAPE}) writes (RawScrapeWriterTest
 * holds it to that on every capture). It exists for the collector's cost: data binding spends a third of a 110-pod
 * scrape on reflection and {@code DateTimeFormatter} for the thousand-odd timestamps of a record.
 */
public final class RawScrapeWriter {
    private static final JsonFactory JSON = new JsonFactory();

    private RawScrapeWriter() { }

    public static byte[] write(RawScrape s) {
        var out = new ByteArrayBuilder(64 * 1024);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            var w = new Writer(g);
            g.writeStartObject();
            g.writeNumberField("schemaVersion", s.schemaVersion());
            g.writeStringField("cluster", s.cluster());
            g.writeStringField("node", s.node());
            w.time("scrapeTime", s.scrapeTime());
            if (s.nodeStats() != null) {
                g.writeFieldName("nodeStats");
                w.node(s.nodeStats());
            }
            g.writeArrayFieldStart("pods");
            for (PodStats p : s.pods()) {
                w.pod(p);
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** One record's writing; fields left out when {@code null}, as the model's mapper does. */
    private static final class Writer {
        private final JsonGenerator g;
        private final char[] time = new char[UtcTimes.PLAIN_LENGTH];

        Writer(JsonGenerator g) {
            this.g = g;
        }

        void string(String name, String value) throws IOException {
            if (value != null) {
                g.writeStringField(name, value);
            }
        }

        void number(String name, Long value) throws IOException {
            if (value != null) {
                g.writeNumberField(name, value.longValue());
            }
        }

        /** ISO-8601 as {@code DateTimeFormatter.ISO_INSTANT}; whole seconds (all kubelet times) written by hand. */
        void time(String name, Instant t) throws IOException {
            if (t == null) {
                return;
            }
            g.writeFieldName(name);
            if (UtcTimes.writePlain(t, time)) {
                g.writeString(time, 0, UtcTimes.PLAIN_LENGTH);
            } else {
                g.writeString(DateTimeFormatter.ISO_INSTANT.format(t));
            }
        }

        void node(NodeStats n) throws IOException {
            g.writeStartObject();
            string("nodeName", n.nodeName());
            time("startTime", n.startTime());
            cpu("cpu", n.cpu());
            memory("memory", n.memory());
            network("network", n.network());
            fs("fs", n.fs());
            fs("imageFs", n.imageFs());
            containers("systemContainers", n.systemContainers());
            if (n.meta() != null) {
                nodeMeta(n.meta());
            }
            gauges(n.gauges());
            g.writeEndObject();
        }

        private void nodeMeta(NodeMeta m) throws IOException {
            g.writeObjectFieldStart("meta");
            number("cpuCapacityMillicores", m.cpuCapacityMillicores());
            number("cpuAllocatableMillicores", m.cpuAllocatableMillicores());
            number("memoryCapacityBytes", m.memoryCapacityBytes());
            number("memoryAllocatableBytes", m.memoryAllocatableBytes());
            number("ephemeralStorageCapacityBytes", m.ephemeralStorageCapacityBytes());
            number("ephemeralStorageAllocatableBytes", m.ephemeralStorageAllocatableBytes());
            labels(m.labels());
            g.writeEndObject();
        }

        void pod(PodStats p) throws IOException {
            g.writeStartObject();
            g.writeObjectFieldStart("podRef");
            string("name", p.podRef().name());
            string("namespace", p.podRef().namespace());
            string("uid", p.podRef().uid());
            g.writeEndObject();
            time("startTime", p.startTime());
            containers("containers", p.containers());
            cpu("cpu", p.cpu());
            memory("memory", p.memory());
            network("network", p.network());
            g.writeArrayFieldStart("volume");
            for (VolumeStats v : p.volume()) {
                volume(v);
            }
            g.writeEndArray();
            fs("ephemeral-storage", p.ephemeralStorage());
            if (p.meta() != null) {
                podMeta(p.meta());
            }
            gauges(p.gauges());
            g.writeEndObject();
        }

        private void podMeta(PodMeta m) throws IOException {
            g.writeObjectFieldStart("meta");
            labels(m.labels());
            string("workloadKind", m.workloadKind());
            string("workloadName", m.workloadName());
            string("qosClass", m.qosClass());
            g.writeObjectFieldStart("containers");
            for (Map.Entry<String, ContainerMeta> e : m.containers().entrySet()) {
                ContainerMeta c = e.getValue();
                g.writeObjectFieldStart(e.getKey());
                string("image", c.image());
                number("cpuRequestMillicores", c.cpuRequestMillicores());
                number("cpuLimitMillicores", c.cpuLimitMillicores());
                number("memoryRequestBytes", c.memoryRequestBytes());
                number("memoryLimitBytes", c.memoryLimitBytes());
                if (c.restartCount() != null) {
                    g.writeNumberField("restartCount", c.restartCount().intValue());
                }
                number("ephemeralStorageRequestBytes", c.ephemeralStorageRequestBytes());
                number("ephemeralStorageLimitBytes", c.ephemeralStorageLimitBytes());
                if (c.init() != null) {
                    g.writeBooleanField("init", c.init());
                }
                g.writeEndObject();
            }
            g.writeEndObject();
            g.writeEndObject();
        }

        private void labels(Map<String, String> labels) throws IOException {
            g.writeObjectFieldStart("labels");
            for (Map.Entry<String, String> e : labels.entrySet()) {
                string(e.getKey(), e.getValue());
            }
            g.writeEndObject();
        }

        private void containers(String name, List<ContainerStats> containers) throws IOException {
            g.writeArrayFieldStart(name);
            for (ContainerStats c : containers) {
                g.writeStartObject();
                string("name", c.name());
                time("startTime", c.startTime());
                cpu("cpu", c.cpu());
                memory("memory", c.memory());
                fs("rootfs", c.rootfs());
                fs("logs", c.logs());
                g.writeArrayFieldStart("accelerators");
                for (AcceleratorStats a : c.accelerators()) {
                    g.writeStartObject();
                    string("make", a.make());
                    string("model", a.model());
                    string("id", a.id());
                    number("memoryTotal", a.memoryTotal());
                    number("memoryUsed", a.memoryUsed());
                    number("dutyCycle", a.dutyCycle());
                    g.writeEndObject();
                }
                g.writeEndArray();
                gauges(c.gauges());
                g.writeEndObject();
            }
            g.writeEndArray();
        }

        /** Left out when empty, as the records' {@code @JsonInclude(NON_EMPTY)} says. */
        private void gauges(Map<String, Long> gauges) throws IOException {
            if (gauges.isEmpty()) {
                return;
            }
            g.writeObjectFieldStart("gauges");
            for (Map.Entry<String, Long> e : gauges.entrySet()) {
                g.writeNumberField(e.getKey(), e.getValue().longValue());
            }
            g.writeEndObject();
        }

        private void cpu(String name, CpuStats c) throws IOException {
            if (c == null) {
                return;
            }
            g.writeObjectFieldStart(name);
            time("time", c.time());
            number("usageNanoCores", c.usageNanoCores());
            number("usageCoreNanoSeconds", c.usageCoreNanoSeconds());
            g.writeEndObject();
        }

        private void memory(String name, MemoryStats m) throws IOException {
            if (m == null) {
                return;
            }
            g.writeObjectFieldStart(name);
            time("time", m.time());
            number("availableBytes", m.availableBytes());
            number("usageBytes", m.usageBytes());
            number("workingSetBytes", m.workingSetBytes());
            number("rssBytes", m.rssBytes());
            number("pageFaults", m.pageFaults());
            number("majorPageFaults", m.majorPageFaults());
            g.writeEndObject();
        }

        private void fs(String name, FsStats f) throws IOException {
            if (f == null) {
                return;
            }
            g.writeObjectFieldStart(name);
            time("time", f.time());
            number("availableBytes", f.availableBytes());
            number("capacityBytes", f.capacityBytes());
            number("usedBytes", f.usedBytes());
            number("inodesFree", f.inodesFree());
            number("inodes", f.inodes());
            number("inodesUsed", f.inodesUsed());
            g.writeEndObject();
        }

        private void volume(VolumeStats v) throws IOException {
            g.writeStartObject();
            string("name", v.name());
            string("pvcName", v.pvcName());
            time("time", v.time());
            number("availableBytes", v.availableBytes());
            number("capacityBytes", v.capacityBytes());
            number("usedBytes", v.usedBytes());
            number("inodesFree", v.inodesFree());
            number("inodes", v.inodes());
            number("inodesUsed", v.inodesUsed());
            g.writeEndObject();
        }

        private void network(String name, NetworkStats n) throws IOException {
            if (n == null) {
                return;
            }
            g.writeObjectFieldStart(name);
            time("time", n.time());
            string("name", n.name());
            number("rxBytes", n.rxBytes());
            number("rxErrors", n.rxErrors());
            number("txBytes", n.txBytes());
            number("txErrors", n.txErrors());
            g.writeArrayFieldStart("interfaces");
            for (InterfaceStats i : n.interfaces()) {
                g.writeStartObject();
                string("name", i.name());
                number("rxBytes", i.rxBytes());
                number("rxErrors", i.rxErrors());
                number("txBytes", i.txBytes());
                number("txErrors", i.txErrors());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
    }
}
