package io.heapstream.writer.delivery;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with jitter: attempt n waits between half and all of {@code min(max, initial * 2^n)}, so
 * that many writers retrying against a recovering InfluxDB do not knock on its door in step.
 */
public final class Backoff {
    private final Duration initial;
    private final Duration max;
    private final DoubleSupplier random;

    /** @param random uniform in [0, 1), e.g. {@code ThreadLocalRandom.current()::nextDouble} */
    public Backoff(Duration initial, Duration max, DoubleSupplier random) {
        this.initial = initial;
        this.max = max.compareTo(initial) < 0 ? initial : max;
        this.random = random;
    }

    /** The wait before retry number {@code attempt} (0 = the first retry). */
    public Duration delay(int attempt) {
        long ceiling = max.toMillis();
        long exponential = initial.toMillis() << Math.min(attempt, 30);
        long capped = exponential <= 0 || exponential > ceiling ? ceiling : exponential;
        return Duration.ofMillis(capped / 2 + (long) (capped / 2.0 * random.getAsDouble()));
    }
}
