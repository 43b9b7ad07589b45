package io.heapstream.writer.schema;

/**
 * A name or tag value that InfluxDB 1.x's line protocol cannot carry unchanged (a newline would end the point, a
 * trailing backslash would escape the separator after it): the rollup is not written, and the writer counts it
 * and sends the record to the dead-letter topic with this message as the reason.
 */
public final class UnwritableTextException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    UnwritableTextException(String text, String why) {
        super("'" + printable(text) + "' cannot be written as line protocol: " + why);
    }

    /** The text with control characters as {@code \\uXXXX}, so the reason stays one readable line. */
    private static String printable(String text) {
        var out = new StringBuilder(Math.min(text.length(), 200) + 16);
        for (int i = 0; i < text.length() && out.length() < 200; i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == 0x7f || Character.isSurrogate(c)) {
                out.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return text.length() > 200 ? out.append("...").toString() : out.toString();
    }
}
