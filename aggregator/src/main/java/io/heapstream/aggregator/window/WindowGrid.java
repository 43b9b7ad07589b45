package io.heapstream.aggregator.window;

import java.time.Duration;

/**
 * Tumbling windows aligned to the epoch, and when they close: a window [start, end) closes once the
 * watermark (stream time, or the idle advance) reaches end + grace. Pure arithmetic on epoch milliseconds.
 */
public record WindowGrid(long sizeMillis, long graceMillis) {

    public static WindowGrid of(Duration size, Duration grace) {
        return new WindowGrid(size.toMillis(), grace.toMillis());
    }

    public long start(long timeMillis) {
        return Math.floorDiv(timeMillis, sizeMillis) * sizeMillis;
    }

    public long index(long timeMillis) {
        return Math.floorDiv(timeMillis, sizeMillis);
    }

    /** The watermark at which the window holding this time closes. */
    public long closeAt(long timeMillis) {
        return start(timeMillis) + sizeMillis + graceMillis;
    }

    public boolean isClosed(long timeMillis, long watermark) {
        return watermark >= closeAt(timeMillis);
    }
}
