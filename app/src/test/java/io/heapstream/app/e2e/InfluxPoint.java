package io.heapstream.app.e2e;

import java.util.Map;
import java.util.TreeMap;

/**
 * One point as InfluxDB holds it: retention policy, measurement, tags (empty values left out), time and fields.
 *
 * @param timeMillis point time (window start), epoch milliseconds
 */
public record InfluxPoint(String retentionPolicy, String measurement, Map<String, String> tags, long timeMillis,
                          Map<String, Double> fields) {
    public InfluxPoint {
        tags = new TreeMap<>(tags);
        fields = new TreeMap<>(fields);
    }

    /** Retention policy, measurement and tags: what makes a series. */
    public String series() {
        return retentionPolicy + "." + measurement + tags;
    }

    /** The series and the time: what makes a point. */
    public String id() {
        return series() + "@" + java.time.Instant.ofEpochMilli(timeMillis);
    }
}
