package io.heapstream.writer.schema;

import java.math.BigDecimal;
import java.util.Map;

/**
 * Line protocol written the way influxdb-java's {@code Point.lineProtocol()} writes it, character for character,
 * without building {@code Point}s: the writer's hot path. Keys and tag values escape space, comma and equals
 * sign with a backslash; floats are plain decimals with at least one fraction digit ({@code 250.0},
 * {@code 1000000000.0}, never {@code 1.0E9}); integers end in {@code i}. {@code LineProtocolTest} checks it
 * against {@code Point} for random values.
 *
 * <p>Unlike {@code Point}, it refuses text that InfluxDB 1.x's parser would not read back unchanged, with an
 * {@link UnwritableTextException}: a newline ends the point there (the rest becomes a second point), a trailing
 * backslash escapes the separator after it, a backslash before a special character is consumed by one of the
 * parser's scanners and not by another, a measurement starting with {@code #} makes the line a comment, and
 * control characters or lone surrogates do not survive. Kubernetes names never contain any of these;
 * {@code LineProtocolIT} writes arbitrary strings to a real InfluxDB and reads them back.
 */
final class LineProtocol {
    private LineProtocol() { }

    /** Escapes a measurement: a key that must not start with {@code #} either. */
    static StringBuilder measurement(StringBuilder line, String text) {
        if (text.startsWith("#")) {
            throw new UnwritableTextException(text, "a measurement starting with '#' is a comment");
        }
        return escape(line, text);
    }

    /**
     * Escapes a tag key, tag value or field key (measurements: {@link #measurement}).
     *
     * @throws UnwritableTextException when InfluxDB would not read the text back unchanged
     */
    static StringBuilder escape(StringBuilder line, String text) {
        int length = text.length();
        if (length == 0) {
            throw new UnwritableTextException(text, "it is empty");
        }
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c == ' ' || c == ',' || c == '=') {
                line.append('\\');
            } else if (c < 0x20 || c == 0x7f) {
                throw new UnwritableTextException(text, "it contains a control character");
            } else if (c == '\\' && (i + 1 == length || isSpecial(text.charAt(i + 1)))) {
                throw new UnwritableTextException(text, i + 1 == length ? "it ends in a backslash"
                        : "it has a backslash before '" + text.charAt(i + 1) + "'");
            } else if (Character.isSurrogate(c)) {
                if (!Character.isHighSurrogate(c) || i + 1 == length || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    throw new UnwritableTextException(text, "it contains a lone surrogate (not UTF-8)");
                }
                line.append(c);
                c = text.charAt(++i);
            }
            line.append(c);
        }
        return line;
    }

    /** What one of the parser's scanners takes as escaped after a backslash. */
    private static boolean isSpecial(char c) {
        return c == ' ' || c == ',' || c == '=' || c == '"' || c == '\\';
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
