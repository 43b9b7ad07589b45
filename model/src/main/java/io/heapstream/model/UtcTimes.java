package io.heapstream.model;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;

/**
 * The fast path for the times every record is full of: {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}]Z}, parsed by hand.
 * A 110-pod kubelet summary holds over a thousand of them and {@code DateTimeFormatter} was a tenth of the
 * CPU of reading one, in the collector and in the aggregator alike. Anything else (offsets, leap seconds, a
 * date that does not exist) gives {@code null}, and the caller parses it the general way, which either reads
 * it or says precisely what is wrong.
 */
public final class UtcTimes {
    private UtcTimes() { }

    /** The instant of a plain UTC time, or {@code null} when the text has any other shape. */
    public static Instant parsePlain(String s) {
        int n = s.length();
        if (n < 20 || s.charAt(n - 1) != 'Z' || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T'
                || s.charAt(13) != ':' || s.charAt(16) != ':') {
            return null;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 7);
        int day = digits(s, 8, 10);
        int hour = digits(s, 11, 13);
        int minute = digits(s, 14, 16);
        int second = digits(s, 17, 19);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > 31 || hour < 0 || hour > 23 || minute < 0
                || minute > 59 || second < 0 || second > 59) {
            return null;
        }
        int nanos = 0;
        if (n > 20) {
            if (s.charAt(19) != '.' || n - 21 > 9 || n - 21 < 1) {
                return null;
            }
            nanos = digits(s, 20, n - 1);
            if (nanos < 0) {
                return null;
            }
            for (int i = n - 21; i < 9; i++) {
                nanos *= 10;
            }
        }
        if (day > YearMonth.of(year, month).lengthOfMonth()) {
            return null;
        }
        long epochDay = LocalDate.of(year, month, day).toEpochDay();
        return Instant.ofEpochSecond(epochDay * 86_400 + hour * 3600L + minute * 60L + second, nanos);
    }

    private static int digits(String s, int from, int to) {
        int v = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }
}
