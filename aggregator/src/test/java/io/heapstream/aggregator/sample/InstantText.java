package io.heapstream.aggregator.sample;

import io.heapstream.model.UtcTimes;
import java.time.Instant;

/** The tests' handle on the one UTC time writer, {@link UtcTimes#text}, under the name the codec tests use. */
final class InstantText {
    private InstantText() { }

    static String text(Instant t) {
        return UtcTimes.text(t);
    }
}
