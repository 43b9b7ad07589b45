package io.heapstream.app.replay;

import java.time.Duration;
import java.time.Instant;

/**
 * The half-open range [from, to) a replay rebuilds. Only windows lying wholly inside it are written: a window
 * that straddles {@code from} or {@code to} is left out, never written as if it were whole.
 */
public record ReplayRange(Instant from, Instant to) {

    /**
     * Checks the range against the clock and the finest window it must hold.
     *
     * @throws ReplayInputException when from ≥ to, the range starts in the future or ends after now, or holds no
     *                              complete window
     */
    public static ReplayRange of(Instant from, Instant to, Instant now, Duration window) {
        if (!from.isBefore(to)) {
            throw new ReplayInputException("--from " + from + " must be before --to " + to);
        }
        if (!from.isBefore(now)) {
            throw new ReplayInputException("--from " + from + " is in the future (now is " + now + ")");
        }
        if (to.isAfter(now)) {
            throw new ReplayInputException("--to " + to + " is in the future (now is " + now
                    + "): windows after now are not complete yet; use --to now");
        }
        var range = new ReplayRange(from, to);
        if (range.firstWindow(window).plus(window).isAfter(to)) {
            throw new ReplayInputException("[" + from + ", " + to + ") holds no complete " + window
                    + " window: windows straddling --from or --to are left out");
        }
        return range;
    }

    /** The first window of a resolution that starts at or after {@code from} (windows align to the epoch). */
    public Instant firstWindow(Duration resolution) {
        long size = resolution.toMillis();
        long start = Math.floorDiv(from.toEpochMilli() + size - 1, size) * size;
        return Instant.ofEpochMilli(start);
    }

    /** Whether a window lies wholly inside the range. */
    public boolean holds(Instant windowStart, Instant windowEnd) {
        return !windowStart.isBefore(from) && !windowEnd.isAfter(to);
    }
}
