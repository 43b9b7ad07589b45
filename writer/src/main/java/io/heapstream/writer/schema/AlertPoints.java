package io.heapstream.writer.schema;

import io.heapstream.model.alert.AlertEvent;
import java.util.Map;
import java.util.TreeMap;

/**
 * Alert events as points of the {@value #MEASUREMENT} measurement (docs/influxdb-schema.md, "Alerts"), written by
 * the alerter's delivery into the database's default retention policy; the dashboards draw them as annotations.
 * One point per event at its {@code evaluatedAt}: tags are the alert's labels (alertname, severity, the series'
 * tags, the rule's labels) plus {@code status} and {@code fingerprint}, so a re-delivered event (delivery is at
 * least once) overwrites its own point instead of adding one. Fields: {@code firing} (1 or 0, to count), the
 * {@code value} when there is one, and each annotation as text.
 */
public final class AlertPoints {
    public static final String MEASUREMENT = "alerts";

    private AlertPoints() { }

    /**
     * The event's line (millisecond timestamp).
     *
     * @throws UnwritableTextException when a label or annotation name cannot be carried by line protocol
     */
    public static String line(AlertEvent event) {
        var tags = new TreeMap<String, String>(event.labels());
        tags.put("status", event.status().id());
        tags.put("fingerprint", event.fingerprint());
        tags.values().removeIf(String::isEmpty);   // InfluxDB refuses an empty tag value
        var line = LineProtocol.measurement(new StringBuilder(256), MEASUREMENT);
        line.append(LineProtocol.tags(tags)).append(' ');
        LineProtocol.escape(line, "firing").append('=')
                .append(event.status() == AlertEvent.Status.FIRING ? "1i" : "0i");
        if (event.value() != null && Double.isFinite(event.value())) {
            LineProtocol.appendFloat(LineProtocol.escape(line.append(','), "value").append('='), event.value());
        }
        for (Map.Entry<String, String> a : new TreeMap<>(event.annotations()).entrySet()) {
            LineProtocol.escape(line.append(','), a.getKey()).append('=');
            appendString(line, a.getValue());
        }
        return line.append(' ').append(event.evaluatedAt().toEpochMilli()).toString();
    }

    /** A string field: quoted, with quotes and backslashes escaped; a line break would end the point. */
    private static void appendString(StringBuilder line, String text) {
        line.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                line.append('\\').append(c);
            } else {
                line.append(c == '\n' || c == '\r' ? ' ' : c);
            }
        }
        line.append('"');
    }
}
