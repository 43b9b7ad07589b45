package io.heapstream.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Random;
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

    @Test
    void textIsExactlyWhatInstantToStringWrites() {
        var random = new Random(5);
        for (int i = 0; i < 20_000; i++) {
            long seconds = random.nextLong(-70_000_000_000L, 300_000_000_000L);
            int nanos = i % 3 == 0 ? random.nextInt(1_000_000_000) : 0;
            var t = Instant.ofEpochSecond(seconds, nanos);
            assertThat(UtcTimes.text(t)).isEqualTo(t.toString());
            assertThat(UtcTimes.text(t)).isEqualTo(DateTimeFormatter.ISO_INSTANT.format(t));
        }
        for (var t : new String[] {"1000-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "0999-12-31T23:59:59Z",
                "+10000-01-01T00:00:00Z", "2024-02-29T12:00:00Z", "1969-12-31T23:59:59Z"}) {
            assertThat(UtcTimes.text(Instant.parse(t))).isEqualTo(t);
        }
        assertThat(UtcTimes.text(null)).isEqualTo("null");
    }

    @Test
    void writePlainTakesWholeSecondsOfFourDigitYearsOnlyAndLeavesTheBufferAloneOtherwise() {
        var buffer = new char[UtcTimes.PLAIN_LENGTH];
        assertThat(UtcTimes.writePlain(Instant.parse("2026-03-04T05:06:07Z"), buffer)).isTrue();
        assertThat(new String(buffer)).isEqualTo("2026-03-04T05:06:07Z");
        for (var t : new String[] {"2026-03-04T05:06:07.5Z", "0999-12-31T23:59:59Z", "+10000-01-01T00:00:00Z"}) {
            var untouched = new char[UtcTimes.PLAIN_LENGTH];
            assertThat(UtcTimes.writePlain(Instant.parse(t), untouched)).as(t).isFalse();
            assertThat(untouched).as(t).containsOnly('\0');
        }
    }

    @Test
    void rfc3339TimesWithOffsetsAreReadAndAnythingElseIsRejected() {
        assertThat(UtcTimes.parseRfc3339("2023-12-21T15:20:59Z")).isEqualTo(Instant.parse("2023-12-21T15:20:59Z"));
        assertThat(UtcTimes.parseRfc3339("2023-12-21T16:20:59+01:00")).isEqualTo(Instant.parse("2023-12-21T15:20:59Z"));
        for (var text : new String[] {"2023-02-29T00:00:00Z", "yesterday", "2023-12-21 15:20:59Z"}) {
            assertThatThrownBy(() -> UtcTimes.parseRfc3339(text)).as(text).isInstanceOf(DateTimeParseException.class);
        }
    }
}
