package io.heapstream.aggregator.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.heapstream.aggregator.Scrapes;
import io.heapstream.model.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class RawScrapeDeserializerTest {
    @Test
    void timesInEveryShapeTheSerdeAcceptsReadAsInstantParseDoes() {
        // the plain UTC shape goes through the hand parser, the rest through Instant.parse; both must agree
        for (var text : new String[] {"2024-09-18T15:08:42.123456789Z", "2024-09-18T15:08:42+02:00"}) {
            var json = "{\"cluster\":\"c\",\"node\":\"n\",\"scrapeTime\":\"" + text + "\"}";
            var scrape = new RawScrapeDeserializer().deserialize("t", json.getBytes(StandardCharsets.UTF_8));
            assertThat(scrape.scrapeTime()).as(text).isEqualTo(Instant.parse(text));
        }
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
