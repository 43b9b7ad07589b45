package io.heapstream.app.heapster;

import com.fasterxml.jackson.databind.JsonNode;
import io.heapstream.app.e2e.InfluxQuery;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a database back with plain InfluxQL ({@link InfluxQuery}: nothing of the writer's code on the way):
 * every series of every measurement as a {@link SeriesSummary}, the field types from {@code SHOW FIELD KEYS}.
 */
final class InfluxSeries {
    private final InfluxQuery query;

    InfluxSeries(String url, String database) {
        this.query = new InfluxQuery(url, database);
    }

    /** Every series with a point in the time range, by {@link SeriesSummary#key()}. */
    Map<String, SeriesSummary> read(String timeRange) {
        var types = fieldTypes();
        var all = new LinkedHashMap<String, SeriesSummary>();
        for (String measurement : types.keySet()) {
            var q = "SELECT \"value\" FROM \"" + measurement + "\" WHERE " + timeRange + " GROUP BY *";
            for (JsonNode series : rows(q)) {
                var tags = new HashMap<String, String>();
                series.path("tags").fields().forEachRemaining(t -> tags.put(t.getKey(), t.getValue().asText()));
                var times = new ArrayList<Long>();
                var values = new ArrayList<Double>();
                for (JsonNode row : series.path("values")) {
                    if (!row.get(1).isNull()) {
                        times.add(row.get(0).asLong());
                        values.add(row.get(1).asDouble());
                    }
                }
                if (values.isEmpty()) {
                    continue;
                }
                var s = summary(measurement, SeriesSummary.tags(tags), types.get(measurement), times, values);
                all.put(s.key(), s);
            }
        }
        return all;
    }

    private static SeriesSummary summary(String measurement, String tags, String fieldType, List<Long> times,
                                         List<Double> values) {
        int n = values.size();
        double seconds = (times.get(n - 1) - times.get(0)) / 1000.0;
        Double perSecond = n < 2 ? null : (values.get(n - 1) - values.get(0)) / seconds;
        return new SeriesSummary(measurement, tags, fieldType,
                values.stream().mapToDouble(Double::doubleValue).average().orElseThrow(),
                values.stream().mapToDouble(Double::doubleValue).min().orElseThrow(),
                values.stream().mapToDouble(Double::doubleValue).max().orElseThrow(), n, perSecond);
    }

    /** Measurement → type of its field {@code value} ({@code integer}, {@code float}, …). */
    Map<String, String> fieldTypes() {
        var types = new LinkedHashMap<String, String>();
        for (JsonNode series : rows("SHOW FIELD KEYS")) {
            for (JsonNode row : series.path("values")) {
                if (row.get(0).asText().equals("value")) {
                    types.put(series.path("name").asText(), row.get(1).asText());
                }
            }
        }
        return types;
    }

    /** The {@code series} of the one statement's result; fails on an InfluxDB error. */
    List<JsonNode> rows(String q) {
        return query.series(q);
    }
}
