package io.heapstream.app.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ReplayRangeTest {
    private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");
    private static final Duration MINUTE = Duration.ofMinutes(1);

    private static Instant at(String time) {
        return Instant.parse("2026-12-07T" + time + "Z");
    }

    @Test
    void onlyWindowsWhollyInsideTheRangeAreHeld() {
        var range = ReplayRange.of(at("10:00:30"), at("11:00:00"), NOW, MINUTE);
        assertThat(range.holds(at("10:00:00"), at("10:01:00"))).as("straddles from").isFalse();
        assertThat(range.holds(at("10:01:00"), at("10:02:00"))).isTrue();
        assertThat(range.holds(at("10:59:00"), at("11:00:00"))).as("ends at to").isTrue();
        assertThat(range.holds(at("10:00:00"), at("11:00:00"))).as("the hour straddles from").isFalse();
        assertThat(range.firstWindow(MINUTE)).isEqualTo(at("10:01:00"));
        assertThat(range.firstWindow(Duration.ofHours(1))).isEqualTo(at("11:00:00"));
    }

    @Test
    void fromMustBeBeforeTo() {
        assertThatThrownBy(() -> ReplayRange.of(at("11:00:00"), at("11:00:00"), NOW, MINUTE))
                .isInstanceOf(ReplayInputException.class)
                .hasMessage("--from 2026-12-07T11:00:00Z must be before --to 2026-12-07T11:00:00Z");
    }

    @Test
    void aRangeInTheFutureIsRefused() {
        assertThatThrownBy(() -> ReplayRange.of(at("12:00:00"), at("13:00:00"), NOW, MINUTE))
                .hasMessage("--from 2026-12-07T12:00:00Z is in the future (now is 2026-12-07T12:00:00Z)");
        assertThatThrownBy(() -> ReplayRange.of(at("11:00:00"), at("12:00:01"), NOW, MINUTE))
                .hasMessageStartingWith("--to 2026-12-07T12:00:01Z is in the future");
    }

    @Test
    void aRangeWithoutOneCompleteWindowIsRefused() {
        assertThatThrownBy(() -> ReplayRange.of(at("10:00:30"), at("10:01:30"), NOW, MINUTE))
                .hasMessage("[2026-12-07T10:00:30Z, 2026-12-07T10:01:30Z) holds no complete PT1M window: windows"
                        + " straddling --from or --to are left out");
    }
}
