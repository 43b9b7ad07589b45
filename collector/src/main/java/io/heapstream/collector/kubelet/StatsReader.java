package io.heapstream.collector.kubelet;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.heapstream.model.UtcTimes;
import io.heapstream.model.raw.AcceleratorStats;
import io.heapstream.model.raw.CpuStats;
import io.heapstream.model.raw.FsStats;
import io.heapstream.model.raw.InterfaceStats;
import io.heapstream.model.raw.MemoryStats;
import io.heapstream.model.raw.NetworkStats;
import io.heapstream.model.raw.VolumeStats;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the Summary API's leaf blocks (CPU, memory, filesystems, network, volumes) from a streaming parser
 * positioned on the block's START_OBJECT. Unknown fields are skipped, so newer kubelets (PSI, swap, io) parse;
 * a JSON {@code null} and an absent field both become {@code null}, never zero.
 */
final class StatsReader {
    final JsonParser p;
    private int outOfRange;

    StatsReader(JsonParser p) {
        this.p = p;
    }

    int outOfRange() {
        return outOfRange;
    }

    /** Moves to the next field of the current object; {@code false} at its end. Leaves the parser on the value. */
    boolean nextField() throws IOException {
        JsonToken t = p.nextToken();
        if (t == JsonToken.END_OBJECT) {
            return false;
        }
        p.nextToken();
        return true;
    }

    /** {@code true} when the current value is an object to read; {@code false} for {@code null}. */
    boolean object() throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NULL) {
            return false;
        }
        if (t != JsonToken.START_OBJECT) {
            throw invalid("expected an object");
        }
        return true;
    }

    /** {@code true} when the current value is an array to read; {@code false} for {@code null}. */
    boolean array() throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NULL) {
            return false;
        }
        if (t != JsonToken.START_ARRAY) {
            throw invalid("expected an array");
        }
        return true;
    }

    String string() throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        if (t != JsonToken.VALUE_STRING) {
            throw invalid("expected a string");
        }
        return p.getText();
    }

    /** An unsigned 64-bit counter; above {@link Long#MAX_VALUE} it is reported absent and counted. */
    Long uint64() throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        if (t != JsonToken.VALUE_NUMBER_INT) {
            throw invalid("expected an integer");
        }
        if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
            outOfRange++;
            return null;
        }
        long value = p.getLongValue();
        return value < 0 ? null : value;
    }

    Instant time() throws IOException {
        String text = string();
        if (text == null || text.isEmpty()) {
            return null;
        }
        try {
            return UtcTimes.parseRfc3339(text);
        } catch (DateTimeException e) {
            throw invalid("expected an RFC 3339 time");
        }
    }

    CpuStats cpu() throws IOException {
        if (!object()) {
            return null;
        }
        Instant time = null;
        Long nanoCores = null;
        Long coreNanoSeconds = null;
        while (nextField()) {
            switch (p.currentName()) {
                case "time" -> time = time();
                case "usageNanoCores" -> nanoCores = uint64();
                case "usageCoreNanoSeconds" -> coreNanoSeconds = uint64();
                default -> p.skipChildren();
            }
        }
        return new CpuStats(time, nanoCores, coreNanoSeconds);
    }

    MemoryStats memory() throws IOException {
        if (!object()) {
            return null;
        }
        Instant time = null;
        Long available = null;
        Long usage = null;
        Long workingSet = null;
        Long rss = null;
        Long pageFaults = null;
        Long majorPageFaults = null;
        while (nextField()) {
            switch (p.currentName()) {
                case "time" -> time = time();
                case "availableBytes" -> available = uint64();
                case "usageBytes" -> usage = uint64();
                case "workingSetBytes" -> workingSet = uint64();
                case "rssBytes" -> rss = uint64();
                case "pageFaults" -> pageFaults = uint64();
                case "majorPageFaults" -> majorPageFaults = uint64();
                default -> p.skipChildren();
            }
        }
        return new MemoryStats(time, available, usage, workingSet, rss, pageFaults, majorPageFaults);
    }

    FsStats fs() throws IOException {
        if (!object()) {
            return null;
        }
        var fs = new StatsFields.FsFields();
        while (nextField()) {
            if (!fs.read(this, p.currentName())) {
                p.skipChildren();
            }
        }
        return new FsStats(fs.time, fs.available, fs.capacity, fs.used, fs.inodesFree, fs.inodes, fs.inodesUsed);
    }

    /** A pod volume: filesystem fields inlined beside {@code name} and {@code pvcRef}. */
    VolumeStats volume() throws IOException {
        if (!object()) {
            return null;
        }
        var fs = new StatsFields.FsFields();
        String name = null;
        String pvcName = null;
        while (nextField()) {
            String field = p.currentName();
            if (field.equals("name")) {
                name = string();
            } else if (field.equals("pvcRef")) {
                pvcName = pvcName();
            } else if (!fs.read(this, field)) {
                p.skipChildren();
            }
        }
        return new VolumeStats(name, pvcName, fs.time, fs.available, fs.capacity, fs.used, fs.inodesFree,
                fs.inodes, fs.inodesUsed);
    }

    private String pvcName() throws IOException {
        if (!object()) {
            return null;
        }
        String name = null;
        while (nextField()) {
            if (p.currentName().equals("name")) {
                name = string();
            } else {
                p.skipChildren();
            }
        }
        return name;
    }

    NetworkStats network() throws IOException {
        if (!object()) {
            return null;
        }
        Instant time = null;
        var inlined = new StatsFields.InterfaceFields();
        List<InterfaceStats> interfaces = List.of();
        while (nextField()) {
            String field = p.currentName();
            switch (field) {
                case "time" -> time = time();
                case "interfaces" -> interfaces = interfaces();
                default -> {
                    if (!inlined.read(this, field)) {
                        p.skipChildren();
                    }
                }
            }
        }
        return new NetworkStats(time, inlined.name, inlined.rxBytes, inlined.rxErrors, inlined.txBytes,
                inlined.txErrors, interfaces);
    }

    private List<InterfaceStats> interfaces() throws IOException {
        if (!array()) {
            return List.of();
        }
        var list = new ArrayList<InterfaceStats>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            if (!object()) {
                continue;
            }
            var i = new StatsFields.InterfaceFields();
            while (nextField()) {
                if (!i.read(this, p.currentName())) {
                    p.skipChildren();
                }
            }
            list.add(new InterfaceStats(i.name, i.rxBytes, i.rxErrors, i.txBytes, i.txErrors));
        }
        return list;
    }

    List<AcceleratorStats> accelerators() throws IOException {
        if (!array()) {
            return List.of();
        }
        var list = new ArrayList<AcceleratorStats>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            if (!object()) {
                continue;
            }
            String make = null;
            String model = null;
            String id = null;
            Long memoryTotal = null;
            Long memoryUsed = null;
            Long dutyCycle = null;
            while (nextField()) {
                switch (p.currentName()) {
                    case "make" -> make = string();
                    case "model" -> model = string();
                    case "id" -> id = string();
                    case "memoryTotal" -> memoryTotal = uint64();
                    case "memoryUsed" -> memoryUsed = uint64();
                    case "dutyCycle" -> dutyCycle = uint64();
                    default -> p.skipChildren();
                }
            }
            list.add(new AcceleratorStats(make, model, id, memoryTotal, memoryUsed, dutyCycle));
        }
        return list;
    }

    InvalidShape invalid(String what) {
        return new InvalidShape(what + " at " + p.getParsingContext().pathAsPointer() + ", found " + p.currentToken());
    }

    /** Well-formed JSON of the wrong shape; an {@link IOException} so it travels through the readers. */
    static final class InvalidShape extends IOException {
        InvalidShape(String message) {
            super(message);
        }
    }
}
