package io.heapstream.simulator;

import java.util.concurrent.locks.LockSupport;

/** Spaces sends evenly at a rate; never sleeps when the rate is unbounded. */
final class Pacer {
    private final long periodNanos;
    private long next = System.nanoTime();

    Pacer(double perSecond) {
        if (!(perSecond > 0)) {
            throw new IllegalArgumentException("rate must be > 0 scrapes per second, or max; was " + perSecond);
        }
        this.periodNanos = Double.isInfinite(perSecond) ? 0 : Math.max(1, Math.round(1e9 / perSecond));
    }

    void await() {
        if (periodNanos == 0) {
            return;
        }
        long now = System.nanoTime();
        if (next > now) {
            LockSupport.parkNanos(next - now);
        }
        next = Math.max(next, now - periodNanos * 16) + periodNanos; // small bursts only after a stall
    }
}
