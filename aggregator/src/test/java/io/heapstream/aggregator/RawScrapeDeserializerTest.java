package io.heapstream.aggregator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.heapstream.model.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class RawScrapeDeserializerTest {
    @Test
    void handParsedTimesEqualInstantParse() {
        for (var text : new String[] {"2026-01-01T00:00:00Z", "2024-02-29T23:59:59Z", "2024-09-18T15:08:42.5Z",
                "2024-09-18T15:08:42.123456789Z", "1970-01-01T00:00:00.000001Z"}) {
            assertThat(RawScrapeDeserializer.FastInstant.parse(text)).as(text).isEqualTo(Instant.parse(text));
        }
        assertThat(RawScrapeDeserializer.FastInstant.parse("2023-02-29T00:00:00Z")).isNull();   // falls back
        assertThat(RawScrapeDeserializer.FastInstant.parse("2024-09-18T15:08:42+02:00")).isNull();
    }

    @Test
    void readsWhatTheModelSerdeWritesAndRejectsGarbageAsSerializationError() {
        var scrape = Scrapes.scrape("c1", "n1", Scrapes.at("00:00:15"), 5, 6,
                Scrapes.pod("ns", "p", "Deployment/web", 7, Scrapes.C.of("app", 8, 9)));
        var bytes = Topics.RAW_SCRAPE.serializer().serialize("t", scrape);
        assertThat(new RawScrapeDeserializer().deserialize("t", bytes)).isEqualTo(scrape);
        assertThatThrownBy(() -> new RawScrapeDeserializer().deserialize("t",
                "{\"cluster\":\"c\",\"node\":\"n\",\"scrapeTime\":\"yesterday\"}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(SerializationException.class).hasMessageContaining("RawScrape");
    }
}
