package io.heapstream.aggregator;

import io.heapstream.model.raw.ContainerMeta;
import io.heapstream.model.raw.ContainerStats;
import io.heapstream.model.raw.CpuStats;
import io.heapstream.model.raw.MemoryStats;
import io.heapstream.model.raw.NetworkStats;
import io.heapstream.model.raw.NodeMeta;
import io.heapstream.model.raw.NodeStats;
import io.heapstream.model.raw.PodMeta;
import io.heapstream.model.raw.PodRef;
import io.heapstream.model.raw.PodStats;
import io.heapstream.model.raw.RawScrape;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Small hand-made scrapes with exact numbers, for rule-by-rule topology tests. */
public final class Scrapes {
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    static final Instant NODE_START = Instant.parse("2025-12-31T00:00:00Z");
    static final Instant POD_START = Instant.parse("2025-12-31T12:00:00Z");

    private Scrapes() { }

    public static Instant at(String hhmmss) {
        return Instant.parse("2026-01-01T" + hhmmss + "Z");
    }

    /** One container's reading: cumulative CPU ns, working set bytes, container start time. */
    public record C(String name, long cpuNanos, long workingSet, Instant start) {
        public static C of(String name, long cpuNanos, long workingSet) {
            return new C(name, cpuNanos, workingSet, POD_START);
        }
    }

    /** One pod: namespace, name, workload (null: no metadata), rx bytes counter, containers. */
    public record P(String namespace, String name, String workload, long rxBytes, List<C> containers) { }

    public static P pod(String namespace, String name, String workload, long rxBytes, C... containers) {
        return new P(namespace, name, workload, rxBytes, List.of(containers));
    }

    public static RawScrape scrape(String cluster, String node, Instant slot, long nodeCpuNanos, long nodeMemory, P... pods) {
        var podStats = new ArrayList<PodStats>();
        for (var p : pods) {
            var containers = new ArrayList<ContainerStats>();
            var metas = new java.util.HashMap<String, ContainerMeta>();
            for (var c : p.containers()) {
                containers.add(new ContainerStats(c.name(), c.start(), new CpuStats(slot, null, c.cpuNanos()),
                        new MemoryStats(slot, null, c.workingSet() + 100, c.workingSet(), c.workingSet() / 2, null,
                                null), null, null, null));
                metas.put(c.name(), new ContainerMeta("img/" + c.name() + ":1", 100L, 200L, 1000L, 2000L, 0));
            }
            PodMeta meta = p.workload() == null ? null : new PodMeta(Map.of("app", p.name()),
                    p.workload().split("/")[0], p.workload().split("/")[1], "Burstable", metas);
            podStats.add(new PodStats(new PodRef(p.name(), p.namespace(), "uid-" + p.name()), POD_START, containers,
                    null, null, new NetworkStats(slot, "eth0", p.rxBytes(), 0L, p.rxBytes() / 2, 0L, List.of()),
                    List.of(), null, meta));
        }
        var nodeStats = new NodeStats(node, NODE_START, new CpuStats(slot, null, nodeCpuNanos),
                new MemoryStats(slot, null, nodeMemory, nodeMemory, null, null, null), null, null, null, List.of(),
                new NodeMeta(4000L, 3800L, 16_000L, 15_000L, Map.of()));
        return new RawScrape(RawScrape.SCHEMA_VERSION, cluster, node, slot, nodeStats, podStats);
    }
}
