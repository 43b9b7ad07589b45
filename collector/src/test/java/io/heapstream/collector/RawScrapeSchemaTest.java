package io.heapstream.collector;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.heapstream.collector.kubelet.SummaryParser;
import io.heapstream.collector.metadata.KubeletPodMetadata;
import io.heapstream.collector.metadata.LabelFilter;
import io.heapstream.model.Topics;
import io.heapstream.model.raw.ContainerStats;
import io.heapstream.model.raw.NodeMeta;
import io.heapstream.model.raw.NodeStats;
import io.heapstream.model.raw.PodRef;
import io.heapstream.model.raw.PodStats;
import io.heapstream.model.raw.RawScrape;
import io.heapstream.testkit.Fixtures;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** docs/schemas/raw-scrape.schema.json describes what the collector writes, for every capture. */
class RawScrapeSchemaTest {
    private static Schema schema;

    @BeforeAll
    static void load() throws Exception {
        String text = Files.readString(Path.of("..", "docs", "schemas", "raw-scrape.schema.json"));
        schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(text, InputFormat.JSON);
    }

    static List<String> summaries() {
        return Fixtures.paths().stream().filter(p -> p.contains("stats-summary") && p.endsWith(".json")).toList();
    }

    /** The record the collector would publish for a capture, enriched from the kubelet's pod list beside it. */
    private static RawScrape scrape(String fixture) throws Exception {
        var summary = SummaryParser.parse(Fixtures.bytes(fixture));
        String podList = fixture.replaceFirst("stats-summary[^/]*$", "kubelet-pods.json");
        Map<String, io.heapstream.model.raw.PodMeta> metas = Fixtures.paths().contains(podList)
                ? KubeletPodMetadata.read(Fixtures.bytes(podList), LabelFilter.ALL) : Map.of();
        List<PodStats> pods = summary.pods().stream().map(p -> new PodStats(p.podRef(), p.startTime(), p.containers(),
                p.cpu(), p.memory(), p.network(), p.volume(), p.ephemeralStorage(),
                metas.get(p.podRef().namespace() + "/" + p.podRef().name()))).toList();
        var n = summary.node();
        var node = new NodeStats(n.nodeName(), n.startTime(), n.cpu(), n.memory(), n.network(), n.fs(), n.imageFs(),
                n.systemContainers(), new NodeMeta(4000L, 3900L, 16L << 30, 15L << 30, Map.of("zone", "a")));
        return new RawScrape(RawScrape.SCHEMA_VERSION, "c1", "node-1", Instant.parse("2025-01-01T00:00:15Z"), node, pods);
    }

    private static List<String> errors(byte[] json) {
        return schema.validate(new String(json, StandardCharsets.UTF_8), InputFormat.JSON).stream()
                .map(e -> e.getInstanceLocation() + ": " + e.getMessage()).toList();
    }

    @ParameterizedTest
    @MethodSource("summaries")
    void serializedRecordOfEveryCaptureMatchesTheSchema(String fixture) throws Exception {
        byte[] json = Topics.RAW_SCRAPE.serializer().serialize("raw", scrape(fixture));

        assertThat(errors(json)).isEmpty();
    }

    @Test
    void schemaRejectsAZeroWrittenAsAStringAndAnUnknownField() throws Exception {
        String valid = new String(Topics.RAW_SCRAPE.serializer().serialize("raw",
                scrape("nri-kubernetes/k8s-1_31/stats-summary.json")), StandardCharsets.UTF_8);

        assertThat(errors(valid.replaceFirst("\"usageNanoCores\":\\d+", "\"usageNanoCores\":\"0\"")
                .getBytes(StandardCharsets.UTF_8))).isNotEmpty();
        assertThat(errors(valid.replaceFirst("\"rssBytes\":", "\"rss\":1,\"rssBytes\":")
                .getBytes(StandardCharsets.UTF_8))).isNotEmpty();
        assertThat(errors(valid.replace("\"cluster\":\"c1\",", "").getBytes(StandardCharsets.UTF_8))).isNotEmpty();
    }

    @Test
    void furtherGaugesOfNodesPodsAndContainersMatchTheSchemaAsCountersOnly() {
        var gauges = Map.of("memory/swap_usage", 7L);
        var container = new ContainerStats("app", null, null, null, null, null, List.of(), gauges);
        var pod = new PodStats(new PodRef("p", "ns", "u"), null, List.of(container), null, null, null, List.of(), null,
                null, gauges);
        var node = new NodeStats("n1", null, null, null, null, null, null, List.of(container), null, gauges);
        String json = new String(Topics.RAW_SCRAPE.serializer().serialize("raw", new RawScrape(1, "c1", "n1",
                Instant.parse("2026-01-01T00:00:00Z"), node, List.of(pod))), StandardCharsets.UTF_8);

        assertThat(json).contains("\"gauges\":{\"memory/swap_usage\":7}");
        assertThat(errors(json.getBytes(StandardCharsets.UTF_8))).isEmpty();
        assertThat(errors(json.replace("\"memory/swap_usage\":7", "\"memory/swap_usage\":-1")
                .getBytes(StandardCharsets.UTF_8))).isNotEmpty();
    }
}
