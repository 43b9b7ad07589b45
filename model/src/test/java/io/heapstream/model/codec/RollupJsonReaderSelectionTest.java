package io.heapstream.model.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.heapstream.model.Topics;
import io.heapstream.model.rollup.Level;
import io.heapstream.model.rollup.MetricStats;
import io.heapstream.model.rollup.Rollup;
import io.heapstream.model.rollup.RollupKey;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A consumer that reads part of each rollup (the alerter): the levels and metrics it selects, the rest skipped. */
class RollupJsonReaderSelectionTest {
    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    private static final RollupKey POD = RollupKey.pod("c1", "shop", "web-1", "n1", "Deployment/web");
    private static final RollupJsonReader.Selection PODS_MEMORY = new RollupJsonReader.Selection() {
        @Override
        public boolean level(Level level) {
            return level == Level.POD;
        }

        @Override
        public boolean metric(Level level, String name) {
            return Set.of("memory/working_set", "filesystem/available").contains(name);
        }
    };

    private static MetricStats stats(String name, String resource, double v) {
        return new MetricStats(name, resource, 4, v, v - 1, v + 1, v);
    }

    private static Rollup rollup(RollupKey key) {
        return new Rollup(Rollup.SCHEMA_VERSION, key, Duration.ofMinutes(1), START, START.plusSeconds(60),
                List.of(stats("cpu/usage_rate", null, 5), stats("memory/working_set", null, 900),
                        stats("filesystem/available", "data", 10), stats("memory/limit", null, 1000)),
                Map.of("app", "web"), null);
    }

    private static byte[] json(Rollup rollup) {
        return Topics.ROLLUP.serializer().serialize("t", rollup);
    }

    @Test
    void aSelectedLevelIsReadWithTheSelectedMetricsOnlyInTheirOrder() throws Exception {
        var full = rollup(POD);

        var read = RollupJsonReader.read(json(full), PODS_MEMORY);

        assertThat(read).isEqualTo(new Rollup(full.schemaVersion(), full.key(), full.resolution(), full.windowStart(),
                full.windowEnd(), List.of(full.metrics().get(1), full.metrics().get(2)), full.labels(), null));
    }

    @Test
    void aLevelNotSelectedIsNotReadPastItsKey() throws Exception {
        var node = json(rollup(RollupKey.node("c1", "n1")));
        var truncated = new String(node, StandardCharsets.UTF_8);
        truncated = truncated.substring(0, truncated.indexOf("\"metrics\"") + 12);   // broken after the key

        assertThat(RollupJsonReader.read(node, PODS_MEMORY)).isNull();
        assertThat(RollupJsonReader.read(truncated.getBytes(StandardCharsets.UTF_8), PODS_MEMORY)).isNull();
    }

    @Test
    void whatTheFastPathLeavesToDatabindIsReadWholeForASelectedLevelAndNullForAnother() throws Exception {
        var pod = new String(json(rollup(POD)), StandardCharsets.UTF_8).replace("\"count\":4", "\"count\":\"4\"");
        var node = new String(json(rollup(RollupKey.node("c1", "n1"))), StandardCharsets.UTF_8)
                .replace("\"count\":4", "\"count\":\"4\"");

        assertThat(RollupJsonReader.read(pod.getBytes(StandardCharsets.UTF_8), PODS_MEMORY))
                .isEqualTo(rollup(POD));
        assertThat(RollupJsonReader.read(node.getBytes(StandardCharsets.UTF_8), PODS_MEMORY)).isNull();
    }
}
