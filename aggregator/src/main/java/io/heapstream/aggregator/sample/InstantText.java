package io.heapstream.aggregator.sample;

import java.time.Instant;

/** Instants as text, exactly as {@link Instant#toString()} writes them, without its formatter. */
public final class InstantText {
    private InstantText() { }

    /**
     * {@code String.valueOf(instant)}: by hand for whole seconds in years 1000–9999 (every start time a kubelet
     * reports, every window bound), since a scrape has one per series, a rollup two, and
     * {@code DateTimeFormatter} was a visible share of the aggregator's CPU.
     */
    public static String text(Instant t) {
        if (t == null || t.getNano() != 0) {
            return String.valueOf(t);
        }
        long seconds = t.getEpochSecond();
        var date = java.time.LocalDate.ofEpochDay(Math.floorDiv(seconds, 86_400));
        int ofDay = (int) Math.floorMod(seconds, 86_400);
        if (date.getYear() < 1000 || date.getYear() > 9999) {
            return t.toString();
        }
        var c = new char[20];
        put(c, 0, date.getYear(), 4);
        c[4] = '-';
        put(c, 5, date.getMonthValue(), 2);
        c[7] = '-';
        put(c, 8, date.getDayOfMonth(), 2);
        c[10] = 'T';
        put(c, 11, ofDay / 3600, 2);
        c[13] = ':';
        put(c, 14, ofDay / 60 % 60, 2);
        c[16] = ':';
        put(c, 17, ofDay % 60, 2);
        c[19] = 'Z';
        return new String(c);
    }

    private static void put(char[] c, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            c[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }
}
