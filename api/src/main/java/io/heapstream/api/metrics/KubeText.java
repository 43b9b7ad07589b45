package io.heapstream.api.metrics;

import java.time.Instant;

/**
 * How Kubernetes spells the values of a metrics object: {@code metav1.Time} (RFC 3339, whole seconds),
 * {@code metav1.Duration} (Go's {@code time.Duration} text: {@code 15s}, {@code 1m0.5s}, {@code 800ms}) and
 * {@code resource.Quantity} in canonical form (CPU in decimal SI from nanocores, memory in binary SI).
 */
final class KubeText {
    private static final long SECOND = 1_000_000_000L;
    private static final String[] BINARY = {"Ki", "Mi", "Gi", "Ti", "Pi", "Ei"};

    private KubeText() { }

    /**
     * The last time formatted, per thread: a list's objects mostly share their node's sample time. One thread-local
     * for both halves: the lookup showed in the profile of a 150,000-pod list.
     */
    private static final ThreadLocal<LastTime> LAST = ThreadLocal.withInitial(LastTime::new);

    private static final class LastTime {
        long second = Long.MIN_VALUE;
        String text;
    }

    static String time(long epochNanos) {
        long second = Math.floorDiv(epochNanos, SECOND);
        var last = LAST.get();
        if (last.second != second) {
            last.second = second;
            last.text = Instant.ofEpochSecond(second).toString();
        }
        return last.text;
    }

    /** Go's {@code time.Duration.String()} for a non-negative duration. */
    static String duration(long nanos) {
        if (nanos == 0) {
            return "0s";
        }
        if (nanos < SECOND) {
            if (nanos < 1_000) {
                return nanos + "ns";
            }
            return nanos < 1_000_000 ? fraction(nanos, 1_000) + "µs" : fraction(nanos, 1_000_000) + "ms";
        }
        long hours = nanos / (3600 * SECOND);
        long minutes = nanos / (60 * SECOND) % 60;
        String seconds = fraction(nanos % (60 * SECOND), SECOND) + "s";
        if (hours > 0) {
            return hours + "h" + minutes + "m" + seconds;
        }
        return minutes > 0 ? minutes + "m" + seconds : seconds;
    }

    /** CPU in nanocores as Kubernetes prints it: {@code 2}, {@code 250m}, {@code 1500u}, {@code 123456789n}. */
    static String cpu(long nanoCores) {
        if (nanoCores == 0) {
            return "0";
        }
        if (nanoCores % SECOND == 0) {
            return Long.toString(nanoCores / SECOND);
        }
        if (nanoCores % 1_000_000 == 0) {
            return nanoCores / 1_000_000 + "m";
        }
        return nanoCores % 1_000 == 0 ? nanoCores / 1_000 + "u" : nanoCores + "n";
    }

    /** Bytes in the largest binary unit that holds them exactly ({@code 512Mi}), else as a plain number. */
    static String memory(long bytes) {
        if (bytes == 0) {
            return "0";
        }
        int unit = -1;
        long value = bytes;
        while (unit + 1 < BINARY.length && value % 1024 == 0) {
            value /= 1024;
            unit++;
        }
        return unit < 0 ? Long.toString(bytes) : value + BINARY[unit];
    }

    /** {@code value / unit} with up to nine decimals, trailing zeros cut: Go's way. */
    private static String fraction(long value, long unit) {
        long whole = value / unit;
        long rest = value % unit;
        if (rest == 0) {
            return Long.toString(whole);
        }
        int digits = Long.toString(unit).length() - 1;
        var decimals = String.format("%0" + digits + "d", rest).replaceAll("0+$", "");
        return whole + "." + decimals;
    }
}
