package io.heapstream.model.codec;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import io.heapstream.model.Json;
import io.heapstream.model.rollup.Rollup;
import java.io.IOException;

/**
 * The rollup's reader, beside its writer {@link RollupJsonSerializer}: the model's mapper with Jackson's fast
 * double parser (exact, and quicker on the five doubles of every metric), for consumers that read every rollup of
 * a topic, such as the writer.
 */
public final class RollupJsonReader {
    private static final ObjectReader READER = Json.mapper().readerFor(Rollup.class)
            .with(StreamReadFeature.USE_FAST_DOUBLE_PARSER);

    private RollupJsonReader() { }

    /** The rollup of a record's value; a value that is not one raises the reader's exception. */
    public static Rollup read(byte[] json) throws IOException {
        return READER.readValue(json);
    }
}
