package io.heapstream.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class UtcTimesTest {
    @Test
    void plainUtcTimesParseToWhatInstantParseGives() {
        for (var text : new String[] {"2026-01-01T00:00:00Z", "2024-02-29T23:59:59Z", "2024-09-18T15:08:42.5Z",
                "2024-09-18T15:08:42.123456789Z", "1970-01-01T00:00:00.000001Z", "1969-12-31T23:59:59Z"}) {
            assertThat(UtcTimes.parsePlain(text)).as(text).isEqualTo(Instant.parse(text));
        }
    }

    @Test
    void everyOtherShapeIsLeftToTheGeneralParser() {
        for (var text : new String[] {"2023-02-29T00:00:00Z", "2024-04-31T00:00:00Z", "2024-09-18T15:08:42+02:00",
                "2024-09-18T15:08:42.Z", "2024-09-18T15:08:42.1234567890Z", "2024-09-18 15:08:42Z",
                "2024-13-01T00:00:00Z", "2024-09-18T24:00:00Z", "2024-09-18T15:08:60Z", "yesterday", "",
                "+2024-09-18T15:08:42Z"}) {
            assertThat(UtcTimes.parsePlain(text)).as(text).isNull();
        }
    }
}
