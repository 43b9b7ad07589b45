package io.heapstream.app.replay;

import io.heapstream.model.settings.Durations;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * The times {@code --from} and {@code --to} take: RFC 3339 ({@code 2026-12-07T10:00:00Z},
 * {@code 2026-12-07T11:00:00+01:00}), {@code now}, or a duration before now ({@code -6h}, {@code -90m}, in the
 * flags' duration syntax). Relative times are read against one {@code now}, taken once per run, so that
 * {@code --from -1h --to now} is exactly one hour.
 */
public final class ReplayTimes {
    private ReplayTimes() { }

    /** @throws ReplayInputException naming the flag and the text */
    public static Instant parse(String flag, String text, Instant now) {
        if (text == null || text.isBlank()) {
            throw new ReplayInputException(flag + " is required (RFC 3339, now, or e.g. -6h)");
        }
        var t = text.trim();
        if (t.equals("now")) {
            return now;
        }
        try {
            if (t.startsWith("-")) {
                return now.minus(Durations.parse(t.substring(1)));
            }
            return OffsetDateTime.parse(t).toInstant();
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw new ReplayInputException(flag + " '" + t + "' is not a time: use RFC 3339"
                    + " (2026-12-07T10:00:00Z), now, or a duration before now (-6h)");
        }
    }
}
