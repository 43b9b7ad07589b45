package io.heapstream.collector.publish;

import static org.assertj.core.api.Assertions.assertThat;

import io.heapstream.collector.kubelet.SummaryParser;
import io.heapstream.collector.metadata.KubeletPodMetadata;
import io.heapstream.collector.metadata.LabelFilter;
import io.heapstream.model.Topics;
import io.heapstream.model.codec.RawScrapeWriter;
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
import io.heapstream.model.raw.PodRef;
import io.heapstream.model.raw.PodStats;
import io.heapstream.model.raw.RawScrape;
import io.heapstream.model.raw.VolumeStats;
import io.heapstream.testkit.Fixtures;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The hand-written writer and the model's serde agree byte for byte, so the contract stays the model's. */
class RawScrapeWriterTest {

    static List<String> summaries() {
        return Fixtures.paths().stream().filter(p -> p.contains("stats-summary") && p.endsWith(".json")).toList();
    }

    private static void assertSameBytes(RawScrape scrape) {
        String expected = new String(Topics.RAW_SCRAPE.serializer().serialize("raw", scrape), StandardCharsets.UTF_8);
        assertThat(new String(RawScrapeWriter.write(scrape), StandardCharsets.UTF_8)).isEqualTo(expected);
    }

    @ParameterizedTest
    @MethodSource("summaries")
    void everyCaptureIsWrittenAsTheModelWritesIt(String fixture) throws Exception {
        var summary = SummaryParser.parse(Fixtures.bytes(fixture));
        String podList = fixture.replaceFirst("stats-summary[^/]*$", "kubelet-pods.json");
        Map<String, PodMeta> metas = Fixtures.paths().contains(podList)
                ? KubeletPodMetadata.read(Fixtures.bytes(podList), LabelFilter.ALL) : Map.of();
        var pods = summary.pods().stream().map(p -> new PodStats(p.podRef(), p.startTime(), p.containers(), p.cpu(),
                p.memory(), p.network(), p.volume(), p.ephemeralStorage(),
                metas.get(p.podRef().namespace() + "/" + p.podRef().name()))).toList();
        var n = summary.node();
        var node = new NodeStats(n.nodeName(), n.startTime(), n.cpu(), n.memory(), n.network(), n.fs(), n.imageFs(),
                n.systemContainers(), new NodeMeta(10_000L, null, 16L << 30, 15L << 30, Map.of("zone", "a", "os", "linux")));

        assertSameBytes(new RawScrape(1, "c1", "n1", Instant.parse("2025-11-04T19:15:30Z"), node, pods));
    }

    @Test
    void rareShapesAreWrittenAsTheModelWritesThem() {
        var t = Instant.parse("2024-02-29T23:59:59.500Z");
        var gpu = new AcceleratorStats("nvidia", "a100", "GPU-1", 40L << 30, 1L << 30, 42L);
        var container = new ContainerStats("app", t, new CpuStats(t, null, 5L), new MemoryStats(null, 1L, 2L, 3L, 4L, 5L, 6L),
                new FsStats(t, 1L, 2L, 3L, 4L, 5L, 6L), null, List.of(gpu));
        var pvc = new VolumeStats("data", "data-claim", t, 1L, 2L, 3L, null, null, null);
        var meta = new PodMeta(Map.of("app", "x", "tier", "web"), "StatefulSet", "db", "Burstable",
                Map.of("app", new ContainerMeta("img:1", 100L, null, null, 1L << 20, 3)));
        var pod = new PodStats(new PodRef("db-0", "ns", null), null, List.of(container), null, null,
                new NetworkStats(null, "", null, null, null, null, List.of(new InterfaceStats("eth0", 1L, null, 2L, null))),
                List.of(pvc), null, meta);
        var node = new NodeStats(null, null, null, null, null, null, null, List.of(), null);

        assertSameBytes(new RawScrape(1, "c1", "n1", Instant.parse("1970-01-01T00:00:00Z"), node, List.of(pod)));
    }

    @Test
    void furtherGaugesAreWrittenAsTheModelWritesThemAndLeftOutWhenThereAreNone() {
        var gauges = Map.of("memory/swap_usage", 7L, "a/first", 0L, "z/last", Long.MAX_VALUE);
        var container = new ContainerStats("app", null, null, null, null, null, List.of(), gauges);
        var pod = new PodStats(new PodRef("p", "ns", "u"), null, List.of(container), null, null, null, List.of(), null,
                null, gauges);
        var bare = new PodStats(new PodRef("q", "ns", "u"), null, List.of(), null, null, null, List.of(), null, null);
        var node = new NodeStats("n1", null, null, null, null, null, null, List.of(container), null, gauges);
        var scrape = new RawScrape(1, "c1", "n1", Instant.parse("2026-01-01T00:00:00Z"), node, List.of(pod, bare));

        assertSameBytes(scrape);
        assertThat(new String(RawScrapeWriter.write(scrape), StandardCharsets.UTF_8))
                .contains("\"gauges\":{\"a/first\":0,\"memory/swap_usage\":7,\"z/last\":9223372036854775807}")
                .contains("\"podRef\":{\"name\":\"q\",\"namespace\":\"ns\",\"uid\":\"u\"},\"containers\":[],\"volume\":[]}");
    }

    @Test
    void writerKnowsEveryComponentOfTheRawRecords() {
        // A new component in the model must be written by RawScrapeWriter (and counted here) before records carry it.
        Map<Class<?>, Integer> written = Map.ofEntries(Map.entry(RawScrape.class, 6), Map.entry(NodeStats.class, 10),
                Map.entry(NodeMeta.class, 7), Map.entry(PodStats.class, 10), Map.entry(PodRef.class, 3),
                Map.entry(PodMeta.class, 5), Map.entry(ContainerMeta.class, 9), Map.entry(ContainerStats.class, 8),
                Map.entry(CpuStats.class, 3), Map.entry(MemoryStats.class, 7), Map.entry(FsStats.class, 7),
                Map.entry(NetworkStats.class, 7), Map.entry(InterfaceStats.class, 5), Map.entry(VolumeStats.class, 9),
                Map.entry(AcceleratorStats.class, 6));

        written.forEach((type, count) -> assertThat(type.getRecordComponents()).as(type.getSimpleName()).hasSize(count));
        assertThat(Arrays.stream(FsStats.class.getRecordComponents()).map(RecordComponent::getName))
                .containsExactly("time", "availableBytes", "capacityBytes", "usedBytes", "inodesFree", "inodes", "inodesUsed");
    }
}
