package io.heapstream.model;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;

/**
 * UTC time text, read and written in one place. The fast path for the times every record is full of:
 * {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}]Z}, parsed by hand, and whole seconds written by hand.
 * A 110-pod kubelet summary holds over a thousand of them and {@code DateTimeFormatter} was a tenth of the
 * CPU of reading one, in the collector and in the aggregator alike. Anything else (offsets, leap seconds, a
 * date that does not exist) gives {@code null}, and the caller parses it the general way, which either reads
 * it or says precisely what is wrong.
 */
public final class UtcTimes {
    /** Length of a whole-second time of the years 1000–9999, {@code 2026-01-01T00:00:00Z}. */
    public static final int PLAIN_LENGTH = 20;

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

    /**
     * An RFC 3339 date-time, such as the kubelet's {@code metav1.Time}: in practice always the plain UTC shape, which
     * takes the hand parser; anything else (offsets, dates that do not exist) goes to {@link OffsetDateTime}, which
     * reads it or says why not.
     *
     * @throws DateTimeParseException when the text is not an RFC 3339 date-time
     */
    public static Instant parseRfc3339(String text) {
        var plain = parsePlain(text);
        return plain != null ? plain : OffsetDateTime.parse(text).toInstant();
    }

    /**
     * {@code String.valueOf(t)}, which is {@code DateTimeFormatter.ISO_INSTANT}'s text: by hand for whole seconds in
     * years 1000–9999 (every start time a kubelet reports, every window bound), since a scrape has one per series,
     * a rollup two, and {@code DateTimeFormatter} was a visible share of the CPU.
     */
    public static String text(Instant t) {
        if (t == null) {
            return "null";
        }
        var c = new char[PLAIN_LENGTH];
        return writePlain(t, c) ? new String(c) : t.toString();
    }

    /**
     * Writes the {@link #text} of a whole-second instant of the years 1000–9999 into {@code to[0..20)}, without
     * allocating; {@code false}, and nothing written, for any other instant (its text is {@code t.toString()}).
     */
    public static boolean writePlain(Instant t, char[] to) {
        if (t.getNano() != 0) {
            return false;
        }
        long seconds = t.getEpochSecond();
        var date = LocalDate.ofEpochDay(Math.floorDiv(seconds, 86_400));
        if (date.getYear() < 1000 || date.getYear() > 9999) {
            return false;
        }
        int ofDay = (int) Math.floorMod(seconds, 86_400);
        put(to, 0, date.getYear(), 4);
        to[4] = '-';
        put(to, 5, date.getMonthValue(), 2);
        to[7] = '-';
        put(to, 8, date.getDayOfMonth(), 2);
        to[10] = 'T';
        put(to, 11, ofDay / 3600, 2);
        to[13] = ':';
        put(to, 14, ofDay / 60 % 60, 2);
        to[16] = ':';
        put(to, 17, ofDay % 60, 2);
        to[19] = 'Z';
        return true;
    }

    private static void put(char[] c, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            c[i] = (char) ('0' + value % 10);
            value /= 10;
        }
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
