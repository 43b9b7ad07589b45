package io.heapstream.alerter.stream;

import io.heapstream.model.raw.ContainerMeta;
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

/** A raw scrape of one node with one pod whose memory use the test sets: what the embedded rules' tests feed. */
public final class WebPodScrape {
    private static final Instant STARTED = Instant.parse("2025-12-31T00:00:00Z");

    private WebPodScrape() { }

    /**
     * Node {@code n1} of cluster {@code c1} with one pod, shop/web-1 of Deployment/web, one container {@code app}
     * with a 1,000-byte memory limit and {@code workingSet} bytes in use, at {@code slot}.
     */
    public static RawScrape at(Instant slot, long workingSet) {
        var container = new ContainerStats("app", STARTED, new CpuStats(slot, null, 1_000_000L),
                new MemoryStats(slot, null, workingSet + 10, workingSet, workingSet / 2, null, null), null, null, null);
        var meta = new PodMeta(Map.of("app", "web"), "Deployment", "web", "Burstable",
                Map.of("app", new ContainerMeta("img/web:1", 100L, 200L, 500L, 1000L, 0)));
        var pod = new PodStats(new PodRef("web-1", "shop", "uid-web-1"), STARTED, List.of(container), null, null,
                null, List.of(), null, meta, Map.of());
        var node = new NodeStats("n1", STARTED, new CpuStats(slot, null, 1_000_000_000L),
                new MemoryStats(slot, null, 4_000L, 4_000L, null, null, null), null, null, null, List.of(),
                new NodeMeta(4000L, 3800L, 16_000L, 15_000L, Map.of()), Map.of());
        return new RawScrape(RawScrape.SCHEMA_VERSION, "c1", "n1", slot, node, List.of(pod));
    }
}
