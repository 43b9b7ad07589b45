package io.heapstream.testkit.reference;

import io.heapstream.model.raw.ContainerMeta;
import io.heapstream.model.raw.ContainerStats;
import io.heapstream.model.raw.CpuStats;
import io.heapstream.model.raw.FsStats;
import io.heapstream.model.raw.MemoryStats;
import io.heapstream.model.raw.NetworkStats;
import io.heapstream.model.raw.NodeMeta;
import io.heapstream.model.raw.PodStats;
import io.heapstream.model.raw.RawScrape;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The values of one node's series at one scrape slot, as docs/rollup-semantics.md defines them, written
 * straight from the raw records with maps of doubles (no code shared with the aggregator). Counter series
 * need their previous sample, which {@link #previous} holds across the slots of one node in slot order.
 */
final class ReferenceSamples {
    /** A counter's previous accepted sample: its slot's window index, value, sample time and start. */
    private record Prev(long windowIndex, double value, Instant time, Object start) { }

    /** What a pod's value is the sum of its containers' of, where the pod's own stats lack it. */
    private static final List<String> CONTAINER_SUMS = List.of("cpu/usage_rate", "memory/usage",
            "memory/working_set", "memory/rss", "memory/page_faults_rate", "memory/major_page_faults_rate",
            "cpu/request", "cpu/limit", "memory/request", "memory/limit", "restart_count", "ephemeral_storage/usage",
            "ephemeral_storage/request", "ephemeral_storage/limit");

    private final Duration window;
    private final Map<String, Prev> previous = new HashMap<>();

    ReferenceSamples(Duration window) {
        this.window = window;
    }

    /** Per series id ({@code node}, {@code sys|name}, {@code pod|ns|name}, {@code container|ns|pod|name}). */
    Map<String, Map<String, Double>> slot(RawScrape scrape) {
        var out = new LinkedHashMap<String, Map<String, Double>>();
        var slot = scrape.scrapeTime();
        var node = scrape.nodeStats();
        double podCpuRequest = 0;
        double podCpuLimit = 0;
        double podMemRequest = 0;
        double podMemLimit = 0;
        boolean anyCpuRequest = false;
        boolean anyCpuLimit = false;
        boolean anyMemRequest = false;
        boolean anyMemLimit = false;
        var podEphemeral = new LinkedHashMap<String, Double>();
        for (PodStats pod : scrape.pods()) {
            var ns = pod.podRef().namespace();
            var podId = "pod|" + ns + "|" + pod.podRef().name();
            var podValues = new LinkedHashMap<String, Double>();
            // the pod cgroup's own figures win; what they lack is the sum of the containers
            var podStart = pod.startTime() + "/" + pod.podRef().uid();
            cpu(podValues, podId, pod.cpu(), slot, podStart);
            memory(podValues, podId, pod.memory(), slot, podStart);
            var containerSums = new LinkedHashMap<String, Double>();
            for (ContainerStats c : containers(pod)) {
                var cid = "container|" + ns + "|" + pod.podRef().name() + "|" + c.name();
                var v = containerValues(cid, c, slot);
                var meta = pod.meta() == null ? null : pod.meta().containers().get(c.name());
                if (meta != null) {
                    spec(v, meta);
                    put(v, "restart_count", meta.restartCount());
                }
                fs(v, "/", c.rootfs());
                fs(v, "logs", c.logs());
                if (c.rootfs() != null && c.rootfs().usedBytes() != null) {
                    v.put("ephemeral_storage/usage", c.rootfs().usedBytes() + (c.logs() == null
                            || c.logs().usedBytes() == null ? 0.0 : c.logs().usedBytes()));
                }
                for (var acc : c.accelerators()) {
                    var id = acc.id() != null ? acc.id() : acc.make() + "/" + acc.model();
                    put(v, "accelerator/memory_total\u0000" + id, acc.memoryTotal());
                    put(v, "accelerator/memory_used\u0000" + id, acc.memoryUsed());
                    put(v, "accelerator/duty_cycle\u0000" + id, acc.dutyCycle());
                }
                out.put(cid, v);
                sumInto(containerSums, v);
            }
            if (pod.meta() != null) {
                for (var e : pod.meta().containers().entrySet()) {
                    if (!Boolean.TRUE.equals(e.getValue().init())
                            && containers(pod).stream().noneMatch(c -> c.name().equals(e.getKey()))) {
                        var v = new LinkedHashMap<String, Double>();
                        spec(v, e.getValue());
                        out.put("container|" + ns + "|" + pod.podRef().name() + "|" + e.getKey(), v);
                        sumInto(containerSums, v);
                    }
                }
            }
            containerSums.forEach(podValues::putIfAbsent);
            podCpuRequest += podValues.getOrDefault("cpu/request", 0.0);
            anyCpuRequest |= podValues.containsKey("cpu/request");
            podCpuLimit += podValues.getOrDefault("cpu/limit", 0.0);
            anyCpuLimit |= podValues.containsKey("cpu/limit");
            podMemRequest += podValues.getOrDefault("memory/request", 0.0);
            anyMemRequest |= podValues.containsKey("memory/request");
            podMemLimit += podValues.getOrDefault("memory/limit", 0.0);
            anyMemLimit |= podValues.containsKey("memory/limit");
            for (var name : new String[] {"ephemeral_storage/request", "ephemeral_storage/limit"}) {
                if (podValues.containsKey(name)) {
                    podEphemeral.merge(name, podValues.get(name), Double::sum);
                }
            }
            network(podValues, podId, pod.network(), slot, podStart);
            if (pod.ephemeralStorage() != null) {
                if (pod.ephemeralStorage().usedBytes() != null) {
                    podValues.put("ephemeral_storage/usage", pod.ephemeralStorage().usedBytes().doubleValue());
                }
                put(podValues, "ephemeral_storage/available", pod.ephemeralStorage().availableBytes());
                put(podValues, "ephemeral_storage/capacity", pod.ephemeralStorage().capacityBytes());
            }
            for (var vol : pod.volume()) {
                var fs = new FsStats(vol.time(), vol.availableBytes(), vol.capacityBytes(), vol.usedBytes(),
                        vol.inodesFree(), vol.inodes(), vol.inodesUsed());
                fs(podValues, "Volume:" + vol.name(), fs);
            }
            uptime(podValues, pod.startTime(), slot);
            out.put(podId, podValues);
        }
        if (node != null) {
            var v = new LinkedHashMap<String, Double>();
            var start = String.valueOf(node.startTime());
            cpu(v, "node", node.cpu(), slot, start);
            memory(v, "node", node.memory(), slot, start);
            network(v, "node", node.network(), slot, start);
            fs(v, "/", node.fs());
            fs(v, "imagefs", node.imageFs());
            if (node.fs() != null) {
                put(v, "ephemeral_storage/usage", node.fs().usedBytes());
            }
            uptime(v, node.startTime(), slot);
            if (anyCpuRequest) {
                v.put("cpu/request", podCpuRequest);
            }
            if (anyCpuLimit) {
                v.put("cpu/limit", podCpuLimit);
            }
            if (anyMemRequest) {
                v.put("memory/request", podMemRequest);
            }
            if (anyMemLimit) {
                v.put("memory/limit", podMemLimit);
            }
            v.putAll(podEphemeral);
            NodeMeta meta = node.meta();
            if (meta != null) {
                v.put("cpu/node_capacity", zero(meta.cpuCapacityMillicores()));
                v.put("cpu/node_allocatable", zero(meta.cpuAllocatableMillicores()));
                v.put("memory/node_capacity", zero(meta.memoryCapacityBytes()));
                v.put("memory/node_allocatable", zero(meta.memoryAllocatableBytes()));
                put(v, "ephemeral_storage/node_capacity", meta.ephemeralStorageCapacityBytes());
                put(v, "ephemeral_storage/node_allocatable", meta.ephemeralStorageAllocatableBytes());
            }
            ReferenceRatios.derive(v);
            out.put("node", v);
            for (ContainerStats sys : node.systemContainers()) {
                var id = "sys|" + sys.name();
                var sv = new LinkedHashMap<String, Double>();
                var sysStart = String.valueOf(sys.startTime());
                cpu(sv, id, sys.cpu(), slot, sysStart);
                memory(sv, id, sys.memory(), slot, sysStart);
                uptime(sv, sys.startTime(), slot);
                out.put(id, sv);
            }
        }
        return out;
    }

    private Map<String, Double> containerValues(String id, ContainerStats c, Instant slot) {
        var v = new LinkedHashMap<String, Double>();
        var start = String.valueOf(c.startTime());
        cpu(v, id, c.cpu(), slot, start);
        memory(v, id, c.memory(), slot, start);
        uptime(v, c.startTime(), slot);
        return v;
    }

    private void cpu(Map<String, Double> v, String id, CpuStats cpu, Instant slot, Object start) {
        if (cpu != null && cpu.usageCoreNanoSeconds() != null) {
            v.put("cpu/usage", (double) cpu.usageCoreNanoSeconds());
            var rate = rate(id + "|cpu", cpu.usageCoreNanoSeconds(), timeOr(cpu.time(), slot), slot, start);
            if (rate != null) {
                v.put("cpu/usage_rate", rate / 1e6);   // ns of CPU per second = nanocores; /1e6 = millicores
            }
        }
    }

    private void memory(Map<String, Double> v, String id, MemoryStats m, Instant slot, Object start) {
        if (m == null) {
            return;
        }
        put(v, "memory/usage", m.usageBytes());
        put(v, "memory/working_set", m.workingSetBytes());
        put(v, "memory/rss", m.rssBytes());
        var t = timeOr(m.time(), slot);
        put(v, "memory/page_faults", m.pageFaults());
        put(v, "memory/major_page_faults", m.majorPageFaults());
        if (m.pageFaults() != null) {
            putRate(v, "memory/page_faults_rate", rate(id + "|pf", m.pageFaults(), t, slot, start));
        }
        if (m.majorPageFaults() != null) {
            putRate(v, "memory/major_page_faults_rate", rate(id + "|mpf", m.majorPageFaults(), t, slot, start));
        }
    }

    private void network(Map<String, Double> v, String id, NetworkStats n, Instant slot, Object start) {
        if (n == null) {
            return;
        }
        var t = timeOr(n.time(), slot);
        put(v, "network/rx", n.rxBytes());
        put(v, "network/tx", n.txBytes());
        put(v, "network/rx_errors", n.rxErrors());
        put(v, "network/tx_errors", n.txErrors());
        if (n.rxBytes() != null) {
            putRate(v, "network/rx_rate", rate(id + "|rx", n.rxBytes(), t, slot, start));
        }
        if (n.txBytes() != null) {
            putRate(v, "network/tx_rate", rate(id + "|tx", n.txBytes(), t, slot, start));
        }
        if (n.rxErrors() != null) {
            putRate(v, "network/rx_errors_rate", rate(id + "|rxe", n.rxErrors(), t, slot, start));
        }
        if (n.txErrors() != null) {
            putRate(v, "network/tx_errors_rate", rate(id + "|txe", n.txErrors(), t, slot, start));
        }
    }

    private static void fs(Map<String, Double> v, String resource, FsStats fs) {
        if (fs == null) {
            return;
        }
        put(v, "filesystem/usage\u0000" + resource, fs.usedBytes());
        put(v, "filesystem/limit\u0000" + resource, fs.capacityBytes());
        put(v, "filesystem/available\u0000" + resource, fs.availableBytes());
        put(v, "filesystem/inodes\u0000" + resource, fs.inodes());
        put(v, "filesystem/inodes_free\u0000" + resource, fs.inodesFree());
    }

    /** Requests and limits of a spec container; one it leaves out is 0. */
    private static void spec(Map<String, Double> v, ContainerMeta meta) {
        v.put("cpu/request", zero(meta.cpuRequestMillicores()));
        v.put("cpu/limit", zero(meta.cpuLimitMillicores()));
        v.put("memory/request", zero(meta.memoryRequestBytes()));
        v.put("memory/limit", zero(meta.memoryLimitBytes()));
        v.put("ephemeral_storage/request", zero(meta.ephemeralStorageRequestBytes()));
        v.put("ephemeral_storage/limit", zero(meta.ephemeralStorageLimitBytes()));
    }

    private static double zero(Long value) {
        return value == null ? 0 : value;
    }

    private static void sumInto(Map<String, Double> sums, Map<String, Double> container) {
        for (var name : CONTAINER_SUMS) {
            if (container.containsKey(name)) {
                sums.merge(name, container.get(name), Double::sum);
            }
        }
    }

    /** One container per name: the one with the later start time (the later in the list on a tie). */
    static List<ContainerStats> containers(PodStats pod) {
        var byName = new LinkedHashMap<String, ContainerStats>();
        for (var c : pod.containers()) {
            byName.merge(c.name(), c, (old, neu) -> old.startTime() != null && (neu.startTime() == null
                    || neu.startTime().isBefore(old.startTime())) ? old : neu);
        }
        return List.copyOf(byName.values());
    }

    private static void uptime(Map<String, Double> v, Instant start, Instant slot) {
        if (start != null) {
            v.put("uptime", (double) Duration.between(start, slot).toMillis());
        }
    }

    /** Per-second rate against the previous sample in this or the previous window, or null (first, reset). */
    private Double rate(String key, long value, Instant time, Instant slot, Object start) {
        long windowIndex = Math.floorDiv(slot.toEpochMilli(), window.toMillis());
        var prev = previous.put(key, new Prev(windowIndex, value, time, start));
        if (prev == null || prev.windowIndex() < windowIndex - 1 || !prev.start().equals(start)
                || value < prev.value()) {
            return null;
        }
        double seconds = Duration.between(prev.time(), time).toNanos() / 1e9;
        return seconds <= 0 ? null : (value - prev.value()) / seconds;
    }

    private static Instant timeOr(Instant time, Instant slot) {
        return time != null ? time : slot;
    }

    private static void put(Map<String, Double> v, String name, Number value) {
        if (value != null) {
            v.put(name, value.doubleValue());
        }
    }

    private static void putRate(Map<String, Double> v, String name, Double value) {
        if (value != null) {
            v.put(name, value);
        }
    }
}
