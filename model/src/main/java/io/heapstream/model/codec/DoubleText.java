package io.heapstream.model.codec;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;

/**
 * Writes a double as Jackson's fast (Schubfach) writer does, byte for byte, with a hand-written path for
 * whole numbers: min, max and last of gauges (bytes, counts) are integral, and the general shortest-decimal
 * search was a tenth of the stream threads' CPU while writing rollups.
 *
 * <p>The format is {@code Double.toString}'s (JDK 19+): below 10^7 plain with one fraction digit
 * ({@code 123.0}), from 10^7 on scientific with the fraction's trailing zeros dropped but one digit kept
 * ({@code 1.0E7}, {@code 1.23456789E8}). Below 2^53 every integer is a double of its own and its neighbours
 * are at most 1 apart, so no shorter decimal reads back as it: the shortest decimal is the integer's own
 * digits. Everything else (fractions, -0.0, NaN, infinities, magnitudes from 2^53 on) goes to Jackson.
 */
final class DoubleText {
    private static final double TWO_TO_53 = 0x1p53;
    private static final long PLAIN_LIMIT = 10_000_000L;
    /** Longest text: '-', 16 digits, '.', 'E', two exponent digits. */
    private static final int MAX_LENGTH = 21;
    private static final ThreadLocal<char[]> SCRATCH = ThreadLocal.withInitial(() -> new char[MAX_LENGTH]);

    private DoubleText() { }

    /** Writes {@code v} as a JSON number, the same bytes as {@code g.writeNumber(v)} with the fast writer on. */
    static void write(JsonGenerator g, double v) throws IOException {
        char[] buf = SCRATCH.get();
        int len = integral(v, buf);
        if (len < 0) {
            g.writeNumber(v);
        } else {
            // verifies the value's place (separators) and writes the characters raw, as writeNumber(double) does
            g.writeNumber(buf, 0, len);
        }
    }

    /**
     * Puts the text of an integral {@code v} with {@code |v| < 2^53} (but not -0.0) at the start of
     * {@code buf} (at least 21 chars) and returns its length; returns -1, leaving buf undefined, for any
     * other value.
     */
    static int integral(double v, char[] buf) {
        if (!(Math.abs(v) < TWO_TO_53)) {   // also NaN
            return -1;
        }
        long n = (long) v;
        if (n != v || (n == 0 && Double.doubleToRawLongBits(v) != 0L)) {   // a fraction, or -0.0
            return -1;
        }
        int pos = 0;
        if (n < 0) {
            buf[pos++] = '-';
            n = -n;
        }
        if (n < PLAIN_LIMIT) {
            int end = pos + digitCount(n);
            putDigits(n, buf, end);
            buf[end] = '.';
            buf[end + 1] = '0';
            return end + 2;
        }
        int exponent = digitCount(n) - 1;
        while (n % 10 == 0) {
            n /= 10;
        }
        // digits one place right, then the first moves left over the point: d.ddd
        int end = pos + 1 + digitCount(n);
        putDigits(n, buf, end);
        buf[pos] = buf[pos + 1];
        buf[pos + 1] = '.';
        if (end == pos + 2) {
            buf[end++] = '0';
        }
        buf[end++] = 'E';
        if (exponent >= 10) {
            buf[end++] = (char) ('0' + exponent / 10);
        }
        buf[end++] = (char) ('0' + exponent % 10);
        return end;
    }

    private static int digitCount(long n) {
        int count = 1;
        for (long bound = 10; count < 18 && n >= bound; bound *= 10) {
            count++;
        }
        return count;
    }

    /** Writes n's decimal digits so that the last lands just before {@code end}. */
    private static void putDigits(long n, char[] buf, int end) {
        int i = end;
        do {
            buf[--i] = (char) ('0' + n % 10);
            n /= 10;
        } while (n != 0);
    }
}
