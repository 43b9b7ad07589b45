package io.heapstream.aggregator;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.heapstream.aggregator.serde.RawRecordDeserializer;
import org.apache.kafka.common.errors.SerializationException;

/**
 * Whatever bytes are on the raw topic, the raw-record reader (the streaming {@code ScrapeReader} with its
 * databind fallback) returns a record or throws {@link SerializationException}, which sends the record to the
 * dead-letter topic; any other exception would end the stream thread, and is a finding. Runs the inputs under
 * {@code RawRecordFuzzTestInputs/} in every build (regression mode); {@code JAZZER_FUZZ=1} fuzzes for
 * {@code maxDuration}.
 */
class RawRecordFuzzTest {
    private final RawRecordDeserializer reader = new RawRecordDeserializer();

    @FuzzTest(maxDuration = "30s")
    void anyValueIsARecordOrADeadLetter(byte[] value) {
        try {
            reader.deserialize("heapstream.raw", value);
        } catch (SerializationException expected) {
            // the documented rejection: Kafka's handler sends the record to the dead-letter topic
        }
    }
}
