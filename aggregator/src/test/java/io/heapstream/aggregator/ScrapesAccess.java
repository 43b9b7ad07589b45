package io.heapstream.aggregator;

import io.heapstream.model.raw.RawScrape;
import java.time.Instant;
import java.util.List;

/** Lets tests in sub-packages build {@link Scrapes} (one container per pod). */
public final class ScrapesAccess {
    /** A pod with one container {@code app}. */
    public record Pod(String namespace, String name, String workload, long rxBytes, long cpuNanos, long workingSet) { }

    private ScrapesAccess() { }

    public static RawScrape scrape(String cluster, String node, Instant slot, long nodeCpu, long nodeMemory,
                                   List<Pod> pods) {
        var ps = pods.stream().map(p -> Scrapes.pod(p.namespace(), p.name(), p.workload(), p.rxBytes(),
                Scrapes.C.of("app", p.cpuNanos(), p.workingSet()))).toArray(Scrapes.P[]::new);
        return Scrapes.scrape(cluster, node, slot, nodeCpu, nodeMemory, ps);
    }
}
