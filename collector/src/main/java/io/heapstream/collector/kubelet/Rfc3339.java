package io.heapstream.collector.kubelet;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * Parses the kubelet's {@code metav1.Time}: RFC 3339, in practice always {@code 2023-12-21T15:20:59Z}. A scrape
 * of a 110-pod node holds over a thousand of them, so the common shape is parsed by hand and anything else
 * (fractions, offsets) falls back to {@link OffsetDateTime}.
 */
final class Rfc3339 {
    private static final int[] DIGITS = {0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18};

    private Rfc3339() { }

    /** @throws DateTimeParseException when the text is not an RFC 3339 date-time */
    static Instant parse(String text) {
        if (isPlainUtc(text)) {
            int year = num(text, 0, 4);
            int month = num(text, 5, 2);
            int day = num(text, 8, 2);
            int hour = num(text, 11, 2);
            int minute = num(text, 14, 2);
            int second = num(text, 17, 2);
            if (month >= 1 && month <= 12 && day >= 1 && day <= 31 && hour < 24 && minute < 60 && second < 60) {
                long days = java.time.LocalDate.of(year, month, day).toEpochDay();
                return Instant.ofEpochSecond(days * 86_400L + hour * 3_600L + minute * 60L + second);
            }
        }
        return OffsetDateTime.parse(text).toInstant();
    }

    private static boolean isPlainUtc(String t) {
        if (t.length() != 20 || t.charAt(4) != '-' || t.charAt(7) != '-' || t.charAt(10) != 'T'
                || t.charAt(13) != ':' || t.charAt(16) != ':' || t.charAt(19) != 'Z') {
            return false;
        }
        for (int i : DIGITS) {
            char c = t.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static int num(String t, int from, int length) {
        int value = 0;
        for (int i = from; i < from + length; i++) {
            value = value * 10 + (t.charAt(i) - '0');
        }
        return value;
    }
}
