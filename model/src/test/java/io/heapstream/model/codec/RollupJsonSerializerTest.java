package io.heapstream.model.codec;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonGenerator;
import io.heapstream.model.Json;
import io.heapstream.model.Topics;
import io.heapstream.model.rollup.MetricStats;
import io.heapstream.model.rollup.Rollup;
import io.heapstream.model.rollup.RollupKey;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RollupJsonSerializerTest {
    private static final Instant START = Instant.parse("2026-01-01T00:01:00Z");

    private static void assertSameJsonAsTheModelSerde(Rollup rollup) throws Exception {
        var fast = RollupJsonSerializer.values().serialize("t", rollup);
        var model = Topics.ROLLUP.serializer().serialize("t", rollup);
        assertThat(Json.mapper().readTree(fast)).isEqualTo(Json.mapper().readTree(model));
        assertThat(Topics.ROLLUP.deserializer().deserialize("t", fast)).isEqualTo(rollup);
        // byte for byte what Jackson's own double writer gives: consumers and stored rollups compare bytes
        assertThat(new String(fast, StandardCharsets.UTF_8)).isEqualTo(new String(
                RollupJsonSerializer.values(JsonGenerator::writeNumber).serialize("t", rollup), StandardCharsets.UTF_8));
        var keyFast = RollupJsonSerializer.keys().serialize("t", rollup.key());
        assertThat(Json.mapper().readTree(keyFast)).isEqualTo(Json.mapper().readTree(
                Topics.ROLLUP_KEY.serializer().serialize("t", rollup.key())));
    }

    @Test
    void containerRollupWithLabelsImageAndResourcesIsWrittenAsTheModelWritesIt() throws Exception {
        assertSameJsonAsTheModelSerde(new Rollup(1, RollupKey.container("c1", "ns", "p", "app", "n1", "Deployment/web"),
                Duration.ofMinutes(1), START, START.plusSeconds(60),
                List.of(new MetricStats("cpu/usage_rate", null, 4, 12.5, 0.1, 1e-7, 3.0 / 7),
                        new MetricStats("filesystem/usage", "rootfs", 1, 1.2345678901234567e15, 1, 2, 3)),
                Map.of("app", "web", "tier", "front"), "registry/web:1.2"));
    }

    @Test
    void aggregateRollupWithoutLabelsOrImageLeavesThemOut() throws Exception {
        assertSameJsonAsTheModelSerde(new Rollup(1, RollupKey.fleet(), Duration.ofHours(1), START.minusSeconds(60),
                START.plusSeconds(3540), List.of(new MetricStats("memory/usage", null, 240, 1e12, 9e11, 1.1e12,
                        1.05e12)), Map.of(), null));
    }

    @Test
    void largeWholeNumbersAreWrittenWithTheSameBytesAsJacksonsDoubleWriter() throws Exception {
        assertSameJsonAsTheModelSerde(new Rollup(1, RollupKey.node("c1", "n1"), Duration.ofMinutes(1), START,
                START.plusSeconds(60), List.of(
                        new MetricStats("memory/working_set", null, 4, 1.5e9 + 0.25, 1_073_741_824, 12_345_678_901.0,
                                1e10),
                        new MetricStats("filesystem/usage", "/dev/sda1", 4, 9_007_199_254_740_991.0, 10_000_000,
                                9_999_999, 0),
                        new MetricStats("filesystem/limit", "/dev/sdb", 2, 1e16, -0.0, 123_456_789_012.0,
                                4.5035996273704955e15),
                        new MetricStats("restart_count", null, 4, 3, 3, 3, 3)),
                Map.of(), null));
    }
}
