package io.heapstream.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import io.heapstream.model.rollup.Level;
import io.heapstream.model.rollup.MetricStats;
import io.heapstream.model.rollup.Rollup;
import io.heapstream.model.rollup.RollupKey;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class SerdeRoundTripTest {
    private static final Instant T = Instant.parse("2026-11-25T08:00:15Z");

    static RawScrape fullScrape() {
        var cpu = new CpuStats(T, 1_250_000L, 9_000_000_000L);
        var memory = new MemoryStats(T, null, 200L, 150L, 120L, 1000L, 3L);
        var container = new ContainerStats("app", T.minusSeconds(600), cpu, memory,
                new FsStats(T, 10L, 100L, 90L, 5L, 50L, 45L), null, List.of());
        var network = new NetworkStats(T, "eth0", 10L, 0L, 20L, null, List.of(new InterfaceStats("eth0", 10L, 0L, 20L, null)));
        var meta = new PodMeta(Map.of("app", "web"), "Deployment", "web", "Burstable",
                Map.of("app", new ContainerMeta("nginx:1.27", 100L, 500L, 64L << 20, null, 2)));
        var pod = new PodStats(new PodRef("web-5d9f-abcde", "shop", "uid-1"), T.minusSeconds(700), List.of(container),
                cpu, memory, network, List.of(new VolumeStats("data", "data-pvc", T, 1L, 2L, 1L, null, null, null)),
                new FsStats(null, 1L, 2L, 1L, null, null, null), meta);
        var node = new NodeStats("node-1", T.minusSeconds(86_400), cpu, memory, network, null, null,
                List.of(new ContainerStats("kubelet", T, cpu, memory, null, null, null)),
                new NodeMeta(4000L, 3800L, 16L << 30, 15L << 30, Map.of()));
        return new RawScrape(RawScrape.SCHEMA_VERSION, "prod-eu", "node-1", T, node, List.of(pod));
    }

    @Test
    void rawScrapeSurvivesTheRoundTripWithAbsentValuesStillAbsent() {
        var scrape = fullScrape();
        byte[] bytes = Topics.RAW_SCRAPE.serializer().serialize("raw", scrape);

        assertThat(Topics.RAW_SCRAPE.deserializer().deserialize("raw", bytes)).isEqualTo(scrape);
        String json = new String(bytes, StandardCharsets.UTF_8);
        assertThat(json).doesNotContain("availableBytes\":null").doesNotContain("\"rootfs\":null")
                .contains("\"ephemeral-storage\"").contains("\"scrapeTime\":\"2026-11-25T08:00:15Z\"");
    }

    @Test
    void rollupSurvivesTheRoundTripWithItsKey() {
        var key = RollupKey.container("prod-eu", "shop", "web-5d9f-abcde", "app", "node-1", "Deployment/web");
        var rollup = new Rollup(Rollup.SCHEMA_VERSION, key, Duration.ofMinutes(1), T, T.plusSeconds(60),
                List.of(new MetricStats("cpu/usage_rate", null, 4, 12.5, 10, 15, 11),
                        new MetricStats("filesystem/usage", "/", 4, 90, 90, 90, 90)),
                Map.of("app", "web"), "nginx:1.27");

        byte[] keyBytes = Topics.ROLLUP_KEY.serializer().serialize("rollup", key);
        byte[] valueBytes = Topics.ROLLUP.serializer().serialize("rollup", rollup);

        assertThat(Topics.ROLLUP_KEY.deserializer().deserialize("rollup", keyBytes)).isEqualTo(key);
        assertThat(Topics.ROLLUP.deserializer().deserialize("rollup", valueBytes)).isEqualTo(rollup);
        assertThat(new String(keyBytes, StandardCharsets.UTF_8)).isEqualTo(
                "{\"level\":\"container\",\"cluster\":\"prod-eu\",\"namespace\":\"shop\",\"workload\":\"Deployment/web\","
                        + "\"pod\":\"web-5d9f-abcde\",\"container\":\"app\",\"node\":\"node-1\"}");
        assertThat(new String(valueBytes, StandardCharsets.UTF_8)).contains("\"resolution\":\"PT1M\"");
    }

    @Test
    void nullsStayNullThroughEverySerde() {
        assertThat(Topics.RAW_SCRAPE.serializer().serialize("t", null)).isNull();
        assertThat(Topics.RAW_SCRAPE.deserializer().deserialize("t", null)).isNull();
        assertThat(Topics.ROLLUP.deserializer().deserialize("t", null)).isNull();
        assertThat(Topics.ROLLUP_KEY.serializer().serialize("t", null)).isNull();
    }

    @Test
    void unknownFieldsFromANewerWriterAreIgnored() {
        String json = "{\"level\":\"fleet\",\"cluster\":\"\",\"shard\":7}";
        assertThat(Topics.ROLLUP_KEY.deserializer().deserialize("t", json.getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(RollupKey.fleet());
    }

    @Test
    void garbageBecomesASerializationExceptionNamingTheType() {
        byte[] garbage = "{\"cluster\":".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> Topics.RAW_SCRAPE.deserializer().deserialize("heapstream.raw", garbage))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("RawScrape").hasMessageContaining("heapstream.raw");
    }

    @Test
    void aRawScrapeWithoutItsClusterIsRejected() {
        byte[] json = "{\"schemaVersion\":1,\"node\":\"n\",\"scrapeTime\":\"2026-11-25T08:00:00Z\"}"
                .getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> Topics.RAW_SCRAPE.deserializer().deserialize("raw", json))
                .isInstanceOf(SerializationException.class).hasMessageContaining("cluster");
    }

    @Test
    void labelsAreWrittenInKeyOrderWhateverTheOrderTheyCameIn() {
        var labels = new java.util.LinkedHashMap<String, String>();
        labels.put("tier", "web");
        labels.put("app", "shop");
        labels.put("release", "7");
        var meta = new PodMeta(labels, "Deployment", "shop", "BestEffort", Map.of());

        String json = new String(Topics.RAW_SCRAPE.serializer().serialize("raw", new RawScrape(1, "c", "n", T,
                null, List.of(new PodStats(new PodRef("p", "ns", "u"), null, null, null, null, null, null, null, meta)))),
                StandardCharsets.UTF_8);

        assertThat(json).contains("\"labels\":{\"app\":\"shop\",\"release\":\"7\",\"tier\":\"web\"}");
    }

    @Test
    void levelsAreWrittenInLowerCase() {
        assertThat(Level.SYS_CONTAINER.id()).isEqualTo("sys_container");
        assertThat(Level.fromId("sys_container")).isEqualTo(Level.SYS_CONTAINER);
    }
}
