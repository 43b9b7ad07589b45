package io.heapstream.app.replay;

/**
 * {@code --max-rate}: at most so many scrapes per second, so that a replay on a shared cluster leaves the brokers
 * and InfluxDB to the live pipeline. Paces against the start (no burst after a slow stretch beyond one second's
 * worth); zero or less means no limit.
 */
final class RatePacer {
    private final double perSecond;
    private long startNanos = -1;
    private long count;

    RatePacer(double perSecond) {
        this.perSecond = perSecond;
    }

    void acquire() throws InterruptedException {
        if (perSecond <= 0) {
            return;
        }
        long now = System.nanoTime();
        if (startNanos < 0) {
            startNanos = now;
        }
        long due = startNanos + (long) (count++ / perSecond * 1e9);
        if (due > now) {
            Thread.sleep((due - now) / 1_000_000, (int) ((due - now) % 1_000_000));
        } else if (now - due > 1_000_000_000L) {
            // fell behind by more than a second (a slow InfluxDB): do not catch up in a burst
            startNanos = now - (long) (count / perSecond * 1e9);
        }
    }
}
