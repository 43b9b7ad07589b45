package io.heapstream.aggregator.serde;

import io.heapstream.aggregator.KubernetesNames;
import io.heapstream.aggregator.RawRecord;
import io.heapstream.aggregator.sample.SampleExtractor;
import io.heapstream.model.codec.ScrapeReader;
import io.heapstream.model.raw.RawScrape;
import java.io.IOException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The raw topic's value as the node stage reads it: JSON bytes → compact sample in the deserializer, so that
 * an unreadable record raises {@link SerializationException} here and goes to the dead-letter topic through
 * Kafka's handler, as before. The streaming {@link ScrapeReader} reads the canonical shape; a record it does
 * not accept is read again with the databind {@link RawScrapeDeserializer}, whose verdict (a scrape, or the
 * dead-letter topic) is then final — so the fast path can only change speed, never a decision.
 */
public final class RawRecordDeserializer implements Deserializer<RawRecord> {
    private final RawScrapeDeserializer databind = new RawScrapeDeserializer();

    @Override
    public RawRecord deserialize(String topic, byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        RawScrape scrape;
        try {
            scrape = ScrapeReader.read(bytes);
        } catch (IOException | RuntimeException unusual) {
            scrape = databind.deserialize(topic, bytes);
        }
        if (scrape == null) {
            return null;
        }
        String invalidName = KubernetesNames.problem(scrape);
        if (invalidName != null) {
            // to the dead-letter topic, with the rule it breaks as the reason
            throw new SerializationException(invalidName + " (RawScrape of topic " + topic + ")");
        }
        try {
            return new RawRecord(bytes, SampleExtractor.extract(scrape));
        } catch (RuntimeException e) {
            // a scrape without what every series needs (a pod without podRef) cannot be aggregated
            throw new SerializationException("cannot extract a sample from the RawScrape of topic " + topic
                    + " (" + bytes.length + " bytes): " + e, e);
        }
    }

    /** Writes a record back as the bytes it was read from (the late topic gets the scrape unchanged). */
    public static Serializer<RawRecord> original() {
        return (topic, value) -> value == null ? null : value.json();
    }
}
