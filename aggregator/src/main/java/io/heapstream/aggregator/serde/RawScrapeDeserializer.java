package io.heapstream.aggregator.serde;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.heapstream.model.Json;
import io.heapstream.model.UtcTimes;
import io.heapstream.model.raw.RawScrape;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads raw scrapes like the model's serde does, with one difference in speed: the kubelet's RFC 3339 UTC
 * times ({@code 2026-01-01T00:00:00Z}, optional fraction) are parsed by hand, because a scrape has a few
 * hundred of them and {@code DateTimeFormatter} was a tenth of the aggregator's CPU. Anything else falls
 * back to {@link Instant#parse} or Jackson's own handling. Unreadable bytes raise
 * {@link SerializationException}, so the dead-letter path is unchanged.
 */
public final class RawScrapeDeserializer implements Deserializer<RawScrape> {
    private static final ObjectReader READER = Json.mapper().copy()
            .registerModule(new SimpleModule("fast-instants").addDeserializer(Instant.class, new FastInstant()))
            .readerFor(RawScrape.class);

    @Override
    public RawScrape deserialize(String topic, byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        try {
            return READER.readValue(bytes);
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("cannot read RawScrape from topic " + topic + " (" + bytes.length
                    + " bytes): " + e.getMessage(), e);
        }
    }

    /** Hand-parsed {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}]Z}; anything else via {@link Instant#parse}. */
    static final class FastInstant extends JsonDeserializer<Instant> {
        @Override
        public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() == JsonToken.VALUE_NUMBER_INT) {
                return Instant.ofEpochMilli(p.getLongValue());
            }
            if (p.currentToken() == JsonToken.VALUE_NUMBER_FLOAT) {
                var d = p.getDecimalValue();
                return Instant.ofEpochSecond(d.longValue(), d.remainder(java.math.BigDecimal.ONE).movePointRight(9)
                        .longValue());
            }
            var text = p.getText().trim();
            var fast = UtcTimes.parsePlain(text);
            if (fast != null) {
                return fast;
            }
            try {
                return Instant.parse(text);
            } catch (DateTimeParseException e) {
                return (Instant) ctxt.handleWeirdStringValue(Instant.class, text, e.getMessage());
            }
        }
    }
}
