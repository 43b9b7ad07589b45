package io.heapstream.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class JsonTextTest {

    @Test
    void instantsAreWrittenAsTheJdkWritesWholeSeconds() {
        var random = new SplittableRandom(1);
        for (int i = 0; i < 100_000; i++) {
            long second = random.nextLong(-62_135_596_800L, 253_402_300_800L); // years 1 to 9999
            assertInstant(Instant.ofEpochSecond(second));
        }
        assertInstant(Instant.parse("2024-02-29T23:59:59Z"));
        assertInstant(Instant.parse("2000-03-01T00:00:00Z"));
        assertInstant(Instant.parse("1969-12-31T23:59:59Z"));
        assertInstant(Instant.EPOCH);
    }

    @Test
    void fractionsOfASecondAreDropped() {
        var json = new JsonText(16).begin().field("t", Instant.parse("2025-11-04T19:15:00.999Z")).end();
        assertThat(json.toString()).isEqualTo("{\"t\":\"2025-11-04T19:15:00Z\"}");
    }

    @Test
    void absentNumbersAndStringsAreLeftOutAndCommasStayRight() {
        var json = new JsonText(8).begin().field("a", (Long) null).field("b", 1L).field("c", (String) null)
                .array("d").begin().end().begin().field("x", 2L).end().endArray().begin("e").end()
                .field("f", Long.MIN_VALUE).end();
        assertThat(json.toString()).isEqualTo("{\"b\":1,\"d\":[{},{\"x\":2}],\"e\":{},\"f\":-9223372036854775808}");
    }

    private static void assertInstant(Instant instant) {
        assertThat(new JsonText(8).begin().field("t", instant).end().toString())
                .isEqualTo("{\"t\":\"" + instant + "\"}");
    }
}
