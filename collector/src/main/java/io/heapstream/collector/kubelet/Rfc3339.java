package io.heapstream.collector.kubelet;

import io.heapstream.model.UtcTimes;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * Parses the kubelet's {@code metav1.Time}: RFC 3339, in practice always {@code 2023-12-21T15:20:59Z}. A scrape
 * of a 110-pod node holds over a thousand of them, so the common shape takes the model's hand parser and
 * anything else (offsets, dates that do not exist) goes to {@link OffsetDateTime}, which reads it or says why not.
 */
final class Rfc3339 {
    private Rfc3339() { }

    /** @throws DateTimeParseException when the text is not an RFC 3339 date-time */
    static Instant parse(String text) {
        var plain = UtcTimes.parsePlain(text);
        return plain != null ? plain : OffsetDateTime.parse(text).toInstant();
    }
}
