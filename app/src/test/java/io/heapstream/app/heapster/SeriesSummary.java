package io.heapstream.app.heapster;

import io.heapstream.testkit.Fixtures;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * One series as fixtures/heapster-reference/values.tsv has it: measurement, every tag as {@code key=value}
 * sorted by key and joined with {@code ;}, the field type, mean/min/max of its points and, for a cumulative
 * measurement, {@code perSecond} = (last − first) / seconds between them ({@code null} for gauges).
 */
record SeriesSummary(String measurement, String tags, String fieldType, double mean, double min, double max,
                     int points, Double perSecond) {
    static final String VALUES = "heapster-reference/values.tsv";

    /** measurement + tags: what tells two series apart. */
    String key() {
        return measurement + " " + tags;
    }

    /** The {@code type} tag ({@code pod_container}, {@code pod}, {@code ns}, {@code node}, …). */
    String type() {
        for (String tag : tags.split(";")) {
            if (tag.startsWith("type=")) {
                return tag.substring("type=".length());
            }
        }
        return "-";
    }

    /** The tags of a series in values.tsv's form; empty values left out, as InfluxDB stores none. */
    static String tags(Map<String, String> tags) {
        return new TreeMap<>(tags).entrySet().stream().filter(e -> !e.getValue().isEmpty())
                .map(e -> e.getKey() + "=" + e.getValue().replaceAll("([\\\\;=\\t\\n])", "\\\\$1"))
                .collect(Collectors.joining(";"));
    }

    /** Every series Heapster wrote, by {@link #key()}. */
    static Map<String, SeriesSummary> reference() {
        var series = new LinkedHashMap<String, SeriesSummary>();
        var lines = Fixtures.string(VALUES).split("\n");
        for (int i = 1; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            var f = lines[i].split("\t", -1);
            var s = new SeriesSummary(f[0], f[1], f[2], Double.parseDouble(f[3]), Double.parseDouble(f[4]),
                    Double.parseDouble(f[5]), Integer.parseInt(f[6]), f[7].isEmpty() ? null : Double.valueOf(f[7]));
            series.put(s.key(), s);
        }
        return series;
    }
}
