package io.heapstream.api.metrics;

import io.heapstream.model.raw.ContainerStats;
import io.heapstream.model.raw.CpuStats;
import io.heapstream.model.raw.MemoryStats;
import io.heapstream.model.raw.NodeMeta;
import io.heapstream.model.raw.NodeStats;
import io.heapstream.model.raw.PodMeta;
import io.heapstream.model.raw.PodRef;
import io.heapstream.model.raw.PodStats;
import io.heapstream.model.raw.RawScrape;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Raw scrapes with only what the metrics API reads: CPU counters, working sets, start times and labels. */
public final class Scrapes {
    public static final Instant LONG_AGO = Instant.parse("2025-12-01T00:00:00Z");

    private Scrapes() { }

    public static Instant at(String time) {
        return Instant.parse("2026-01-01T" + time + "Z");
    }

    public static RawScrape scrape(String node, String time, long cpuCoreNanos, long workingSet, PodStats... pods) {
        return scrape(node, at(time), cpuCoreNanos, workingSet, pods);
    }

    public static RawScrape scrape(String node, Instant t, long cpuCoreNanos, long workingSet, PodStats... pods) {
        var stats = new NodeStats(node, LONG_AGO, new CpuStats(t, null, cpuCoreNanos), memory(t, workingSet),
                null, null, null, List.of(), new NodeMeta(null, null, null, null, Map.of("kubernetes.io/hostname", node)));
        return new RawScrape(1, "c1", node, t, stats, List.of(pods));
    }

    public static PodStats pod(String namespace, String name, Map<String, String> labels, ContainerStats... containers) {
        return new PodStats(new PodRef(name, namespace, "uid-" + name), LONG_AGO, List.of(containers), null, null,
                null, List.of(), null, new PodMeta(labels, "Pod", name, "Burstable", Map.of()));
    }

    public static ContainerStats container(String name, String time, long cpuCoreNanos, long workingSet) {
        return container(name, LONG_AGO, time, cpuCoreNanos, workingSet);
    }

    public static ContainerStats container(String name, Instant start, String time, long cpuCoreNanos,
                                           long workingSet) {
        return container(name, start, at(time), cpuCoreNanos, workingSet);
    }

    public static ContainerStats container(String name, Instant start, Instant t, long cpuCoreNanos,
                                           long workingSet) {
        return new ContainerStats(name, start, new CpuStats(t, null, cpuCoreNanos), memory(t, workingSet), null,
                null, List.of());
    }

    private static MemoryStats memory(Instant t, long workingSet) {
        return new MemoryStats(t, null, workingSet + 1000, workingSet, null, null, null);
    }
}
