package io.heapstream.writer.schema;

import java.math.BigDecimal;
import java.util.Map;

/**
 * Line protocol written the way influxdb-java's {@code Point.lineProtocol()} writes it, character for character,
 * without building {@code Point}s: the writer's hot path. Keys and tag values escape space, comma and equals
 * sign with a backslash; floats are plain decimals with at least one fraction digit ({@code 250.0},
 * {@code 1000000000.0}, never {@code 1.0E9}); integers end in {@code i}. {@code LineProtocolTest} checks it
 * against {@code Point} for random values.
 */
final class LineProtocol {
    private LineProtocol() { }

    /** Escapes a measurement, tag key, tag value or field key. */
    static StringBuilder escape(StringBuilder line, String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == ' ' || c == ',' || c == '=') {
                line.append('\\');
            }
            line.append(c);
        }
        return line;
    }

    /** {@code ,key=value} for each tag, in the map's order (callers pass sorted maps, as Point sorts). */
    static String tags(Map<String, String> sortedTags) {
        var line = new StringBuilder(64 * sortedTags.size());
        sortedTags.forEach((key, value) -> escape(escape(line.append(','), key).append('='), value));
        return line.toString();
    }

    /** A float field value as influxdb-java formats it (a NumberFormat without grouping, 1..340 fraction digits). */
    static StringBuilder appendFloat(StringBuilder line, double value) {
        // Double.toString and NumberFormat take their digits from the same conversion; only the notation differs.
        String text = Double.toString(value);
        if (text.indexOf('E') < 0) {
            return line.append(text);
        }
        String plain = new BigDecimal(text).stripTrailingZeros().toPlainString();
        line.append(plain);
        return plain.indexOf('.') < 0 ? line.append(".0") : line;
    }

    static StringBuilder appendInteger(StringBuilder line, long value) {
        return line.append(value).append('i');
    }
}
