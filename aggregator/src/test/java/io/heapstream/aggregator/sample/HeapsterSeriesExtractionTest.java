package io.heapstream.aggregator.sample;

import static org.assertj.core.api.Assertions.assertThat;

import io.heapstream.aggregator.sample.SeriesSample.Kind;
import io.heapstream.model.raw.ContainerMeta;
import io.heapstream.model.raw.ContainerStats;
import io.heapstream.model.raw.CpuStats;
import io.heapstream.model.raw.FsStats;
import io.heapstream.model.raw.MemoryStats;
import io.heapstream.model.raw.NodeMeta;
import io.heapstream.model.raw.NodeStats;
import io.heapstream.model.raw.PodMeta;
import io.heapstream.model.raw.PodRef;
import io.heapstream.model.raw.PodStats;
import io.heapstream.model.raw.RawScrape;
import io.heapstream.model.raw.VolumeStats;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The series a scrape gives, as Heapster named and filled them (the reference's README, "What Heapster does"). */
class HeapsterSeriesExtractionTest {
    private static final Instant SLOT = Instant.parse("2026-01-01T00:01:00Z");
    private static final Instant EARLY = Instant.parse("2025-12-01T00:00:00Z");
    private static final Instant LATE = Instant.parse("2025-12-02T00:00:00Z");

    private static FsStats fs(long used) {
        return new FsStats(null, 1000L, 2000L, used, 30L, 40L, 10L);
    }

    private static ContainerStats container(String name, Instant start, long cpuNanos) {
        return new ContainerStats(name, start, new CpuStats(null, null, cpuNanos),
                new MemoryStats(null, null, 100L, 90L, 80L, 7L, 1L), fs(65536), fs(4096), List.of());
    }

    private static RawScrape scrape(PodStats pod) {
        var node = new NodeStats("n1", EARLY, new CpuStats(null, null, 5L), null, null, fs(123), fs(456), List.of(),
                new NodeMeta(6000L, 5800L, null, null, Map.of("kubernetes.io/arch", "arm64")));
        return new RawScrape(RawScrape.SCHEMA_VERSION, "c1", "n1", SLOT, node, List.of(pod));
    }

    private static SeriesSample series(NodeSample sample, Kind kind, String name) {
        return sample.series().stream().filter(s -> s.kind() == kind && (name == null || name.equals(s.name())))
                .findFirst().orElseThrow();
    }

    @Test
    void filesystemsAreNamedAsHeapsterNamedThemAndCarryInodes() {
        var pod = new PodStats(new PodRef("web", "shop", "u1"), EARLY, List.of(container("app", EARLY, 1)), null,
                null, null, List.of(new VolumeStats("data", null, null, 1L, 2L, 3L, 4L, 5L, 6L)), fs(7), null);

        var sample = SampleExtractor.extract(scrape(pod));

        var c = series(sample, Kind.CONTAINER, "app").gauges();
        assertThat(c.get(MetricValues.id(Names.FS_USAGE, "/"))).isEqualTo(65536.0);
        assertThat(c.get(MetricValues.id(Names.FS_USAGE, "logs"))).isEqualTo(4096.0);
        assertThat(c.get(MetricValues.id(Names.FS_INODES, "logs"))).isEqualTo(40.0);
        assertThat(c.get("ephemeral_storage/usage")).as("rootfs + logs").isEqualTo(69632.0);
        var p = series(sample, Kind.POD, null).gauges();
        assertThat(p.get(MetricValues.id(Names.FS_USAGE, "Volume:data"))).isEqualTo(3.0);
        assertThat(p.get(MetricValues.id(Names.FS_INODES, "Volume:data"))).isEqualTo(5.0);
        var n = series(sample, Kind.NODE, null);
        assertThat(n.gauges().get(MetricValues.id(Names.FS_USAGE, "/"))).isEqualTo(123.0);
        assertThat(n.gauges().get("ephemeral_storage/usage")).isEqualTo(123.0);
        assertThat(n.labels()).containsEntry("kubernetes.io/arch", "arm64");
        assertThat(n.gauges().get(Names.MEMORY_NODE_ALLOCATABLE)).as("a Node object without it").isEqualTo(0.0);
    }

    @Test
    void countersAreKeptAsReadingsBesideTheirRatesInputAndThePodHasItsCgroupsOwn() {
        var pod = new PodStats(new PodRef("web", "shop", "u1"), EARLY, List.of(container("app", EARLY, 11)),
                new CpuStats(null, null, 99L), new MemoryStats(null, null, 500L, 400L, 300L, 9L, 2L), null, List.of(),
                null, null);

        var sample = SampleExtractor.extract(scrape(pod));

        assertThat(series(sample, Kind.CONTAINER, "app").gauges().get("cpu/usage")).isEqualTo(11.0);
        var p = series(sample, Kind.POD, null);
        assertThat(p.gauges().get("cpu/usage")).isEqualTo(99.0);
        assertThat(p.gauges().get(Names.MEMORY_USAGE)).isEqualTo(500.0);
        assertThat(p.gauges().get("memory/page_faults")).isEqualTo(9.0);
        assertThat(p.counters()).extracting(SeriesSample.Counter::value).contains(99L);
    }

    @Test
    void ofTwoContainersOfOneNameTheLaterStartWinsAndAMissingRequestIsZero() {
        var meta = new PodMeta(Map.of(), null, null, null, Map.of(
                "app", new ContainerMeta("img", 40L, null, null, null, 0),
                "waiting", new ContainerMeta("img2", 10L, 20L, 30L, 40L, null, 50L, null, null),
                "init", new ContainerMeta("img3", 10L, 20L, 30L, 40L, null, null, null, true)));
        var pod = new PodStats(new PodRef("web", "shop", "u1"), EARLY, List.of(container("app", LATE, 22),
                container("app", EARLY, 11)), null, null, null, List.of(), null, meta);

        var sample = SampleExtractor.extract(scrape(pod));

        var apps = sample.series().stream().filter(s -> "app".equals(s.name())).toList();
        assertThat(apps).singleElement().satisfies(s -> {
            assertThat(s.gauges().get("cpu/usage")).isEqualTo(22.0);
            assertThat(s.gauges().get(Names.CPU_REQUEST)).isEqualTo(40.0);
            assertThat(s.gauges().get("cpu/limit")).isEqualTo(0.0);
        });
        var stub = series(sample, Kind.CONTAINER, "waiting");
        assertThat(stub.image()).isEqualTo("img2");
        assertThat(stub.gauges().get("memory/limit")).as("a spec container the kubelet has not reported")
                .isEqualTo(40.0);
        assertThat(stub.gauges().get("ephemeral_storage/request")).isEqualTo(50.0);
        assertThat(stub.gauges().get("ephemeral_storage/limit")).isEqualTo(0.0);
        assertThat(stub.counters()).isEmpty();
        assertThat(sample.series()).as("an init container the kubelet does not report is not a stub")
                .noneMatch(s -> "init".equals(s.name()));
    }
}
