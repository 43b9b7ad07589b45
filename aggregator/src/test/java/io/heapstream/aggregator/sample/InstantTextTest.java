package io.heapstream.aggregator.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;

class InstantTextTest {
    @Test
    void startTimesAreWrittenExactlyAsInstantToStringWritesThem() {
        var random = new Random(5);
        for (int i = 0; i < 20_000; i++) {
            long seconds = random.nextLong(-70_000_000_000L, 300_000_000_000L);
            int nanos = i % 3 == 0 ? random.nextInt(1_000_000_000) : 0;
            var t = Instant.ofEpochSecond(seconds, nanos);
            assertThat(InstantText.text(t)).isEqualTo(t.toString());
        }
        for (var t : new String[] {"1000-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "0999-12-31T23:59:59Z",
                "+10000-01-01T00:00:00Z", "2024-02-29T12:00:00Z", "1969-12-31T23:59:59Z"}) {
            assertThat(InstantText.text(Instant.parse(t))).isEqualTo(t);
        }
        assertThat(InstantText.text(null)).isEqualTo("null");
    }
}
