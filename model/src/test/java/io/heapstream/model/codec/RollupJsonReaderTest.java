package io.heapstream.model.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.heapstream.model.Topics;
import io.heapstream.model.rollup.MetricStats;
import io.heapstream.model.rollup.Rollup;
import io.heapstream.model.rollup.RollupKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RollupJsonReaderTest {
    private static final Instant START = Instant.parse("2026-01-01T00:01:00Z");

    @Test
    void readsWhatTheWriterWritesAsTheModelSerdeReadsIt() throws Exception {
        var random = new Random(13);
        for (int i = 0; i < 200; i++) {
            var metrics = new ArrayList<MetricStats>();
            for (int m = 0; m < 5; m++) {
                metrics.add(new MetricStats("memory/usage", m % 2 == 0 ? null : "r" + m, 1 + random.nextInt(60),
                        random.nextDouble() * Math.pow(10, random.nextInt(18)), -random.nextDouble(), random.nextLong(),
                        Double.longBitsToDouble(random.nextLong() >>> 2)));
            }
            var rollup = new Rollup(1, RollupKey.pod("c1", "ns", "p" + i, "n1", "Deployment/web"), Duration.ofMinutes(1),
                    START, START.plusSeconds(60), metrics, Map.of("app", "web"), null);
            var json = RollupJsonSerializer.values().serialize("t", rollup);

            assertThat(RollupJsonReader.read(json)).isEqualTo(rollup)
                    .isEqualTo(Topics.ROLLUP.deserializer().deserialize("t", json));
        }
    }

    @Test
    void somethingThatIsNotARollupIsAnIoException() {
        assertThatThrownBy(() -> RollupJsonReader.read("{\"schemaVersion\":".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IOException.class);
    }
}
