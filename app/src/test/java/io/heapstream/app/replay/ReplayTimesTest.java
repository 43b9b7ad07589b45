package io.heapstream.app.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ReplayTimesTest {
    private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");

    @Test
    void rfc3339WithZoneOrOffsetIsAnInstant() {
        assertThat(ReplayTimes.parse("--from", "2026-12-07T10:00:00Z", NOW)).isEqualTo("2026-12-07T10:00:00Z");
        assertThat(ReplayTimes.parse("--from", "2026-12-07T11:00:00+01:00", NOW)).isEqualTo("2026-12-07T10:00:00Z");
        assertThat(ReplayTimes.parse("--from", "2026-12-07T10:00:00.5Z", NOW)).isEqualTo("2026-12-07T10:00:00.500Z");
    }

    @Test
    void relativeTimesCountBackFromOneNow() {
        assertThat(ReplayTimes.parse("--from", "-6h", NOW)).isEqualTo("2026-12-07T06:00:00Z");
        assertThat(ReplayTimes.parse("--from", "-90m", NOW)).isEqualTo("2026-12-07T10:30:00Z");
        assertThat(ReplayTimes.parse("--to", "now", NOW)).isEqualTo(NOW);
    }

    @Test
    void anythingElseNamesTheFlagAndTheForms() {
        assertThatThrownBy(() -> ReplayTimes.parse("--from", "yesterday", NOW))
                .isInstanceOf(ReplayInputException.class)
                .hasMessage("--from 'yesterday' is not a time: use RFC 3339 (2026-12-07T10:00:00Z), now, or a"
                        + " duration before now (-6h)");
        assertThatThrownBy(() -> ReplayTimes.parse("--to", "-6x", NOW)).hasMessageStartingWith("--to '-6x'");
        assertThatThrownBy(() -> ReplayTimes.parse("--to", "2026-12-07T10:00:00", NOW))
                .as("a time without zone is ambiguous").isInstanceOf(ReplayInputException.class);
        assertThatThrownBy(() -> ReplayTimes.parse("--to", null, NOW)).hasMessageStartingWith("--to is required");
    }
}
