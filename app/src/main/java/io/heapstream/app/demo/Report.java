package io.heapstream.app.demo;

import io.heapstream.model.rollup.Level;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Pure: the demo's progress lines, its closing summary and its verdict, from {@link Tally.Counts}. */
public final class Report {
    private Report() { }

    /** Whether the run did what a demo should, and if not, why: the exit code follows from it. */
    public record Verdict(boolean ok, String reason) {
        public int exitCode() {
            return ok ? 0 : 1;
        }
    }

    /** {@code [  40s] scrapes 48 | rollups 130 | points 212 | levels with points 8/8}. */
    public static String progress(Duration elapsed, Tally.Counts c, boolean influx) {
        var line = String.format(Locale.ROOT, "[%5ds] scrapes %d%s | rollups %d", elapsed.toSeconds(), c.scrapes(),
                c.scrapeErrors() > 0 ? " (" + c.scrapeErrors() + " failed)" : "", c.totalRollups());
        if (influx) {
            line += String.format(Locale.ROOT, " | points written %d | levels in InfluxDB %d/%d: %s",
                    c.totalPoints(), count(c, true), Level.values().length, perLevel(c, true));
        } else {
            line += String.format(Locale.ROOT, " | levels %d/%d: %s", count(c, false), Level.values().length,
                    perLevel(c, false));
        }
        return line;
    }

    /** The closing table: scrapes, then rollups and points per level. */
    public static String summary(Duration elapsed, int nodes, Tally.Counts c, boolean influx) {
        var s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "summary after %ds: %d scrapes from %d nodes (%d failed)%n",
                elapsed.toSeconds(), c.scrapes(), nodes, c.scrapeErrors()));
        s.append(String.format(Locale.ROOT, "  %-14s %10s %16s%n", "level", "rollups", "points written"));
        for (var level : Level.values()) {
            s.append(String.format(Locale.ROOT, "  %-14s %10d %16s%n", level.id(), c.rollups(level),
                    influx ? Long.toString(c.points(level)) : "-"));
        }
        s.append(String.format(Locale.ROOT, "  %-14s %10d %16s%n", "total", c.totalRollups(),
                influx ? Long.toString(c.totalPoints()) : "-"));
        return s.toString();
    }

    /** Ok when every level got points into InfluxDB (or, without InfluxDB, rollups onto the topics). */
    public static Verdict verdict(Tally.Counts c, boolean influx) {
        if (c.scrapes() == 0) {
            return new Verdict(false, "no scrape succeeded: the collectors could not read the simulated kubelets");
        }
        List<String> missing = Arrays.stream(Level.values())
                .filter(level -> (influx ? c.points(level) : c.rollups(level)) == 0).map(Level::id).toList();
        if (missing.isEmpty()) {
            return new Verdict(true, influx ? "every level has points in InfluxDB"
                    : "every level has rollups on the topics (no InfluxDB)");
        }
        return new Verdict(false, (influx ? "no points written for " : "no rollups emitted for ")
                + String.join(", ", missing) + ": run longer (--for) or use shorter windows (--window, --grace)");
    }

    private static long count(Tally.Counts c, boolean points) {
        return Arrays.stream(Level.values()).filter(l -> (points ? c.points(l) : c.rollups(l)) > 0).count();
    }

    private static String perLevel(Tally.Counts c, boolean points) {
        var parts = new StringBuilder();
        for (var level : Level.values()) {
            if (parts.length() > 0) {
                parts.append(' ');
            }
            parts.append(level.id()).append('=').append(points ? c.points(level) : c.rollups(level));
        }
        return parts.toString();
    }
}
