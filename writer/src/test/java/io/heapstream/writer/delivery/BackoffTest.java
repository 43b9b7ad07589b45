package io.heapstream.writer.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void delayDoublesPerAttemptUpToTheMaximum() {
        var top = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1), () -> 0.999_999);

        assertThat(top.delay(0)).isEqualTo(Duration.ofMillis(99));
        assertThat(top.delay(1)).isEqualTo(Duration.ofMillis(199));
        assertThat(top.delay(3)).isEqualTo(Duration.ofMillis(799));
        assertThat(top.delay(4)).isEqualTo(Duration.ofMillis(999));
        assertThat(top.delay(1000)).isEqualTo(Duration.ofMillis(999));
    }

    @Test
    void jitterKeepsAtLeastHalfOfTheDelay() {
        var bottom = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1), () -> 0.0);

        assertThat(bottom.delay(0)).isEqualTo(Duration.ofMillis(50));
        assertThat(bottom.delay(2)).isEqualTo(Duration.ofMillis(200));
        assertThat(bottom.delay(10)).isEqualTo(Duration.ofMillis(500));
    }
}
