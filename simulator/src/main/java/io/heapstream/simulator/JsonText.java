package io.heapstream.simulator;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A small streaming JSON writer straight into UTF-8 bytes: the simulator writes kubelet JSON and raw records
 * by hand, field by field in a fixed order, because that is faster than Jackson's reflection (generation must
 * outrun the aggregator in benchmarks) and keeps the exact shape (absent fields left out, not {@code null}) in
 * view.
 */
final class JsonText {
    /** Length of {@code 2025-11-04T19:15:00Z}. */
    static final int INSTANT_LENGTH = 20;

    private static final Map<String, byte[]> KEYS = new ConcurrentHashMap<>();
    private static final byte[] MIN_LONG = Long.toString(Long.MIN_VALUE).getBytes(StandardCharsets.US_ASCII);

    private byte[] buf;
    private int len;
    private final boolean[] first = new boolean[64];
    private int depth;

    JsonText(int capacity) {
        this.buf = new byte[capacity];
    }

    JsonText begin(String name) {
        key(name);
        return open('{');
    }

    JsonText begin() {
        comma();
        return open('{');
    }

    JsonText end() {
        depth--;
        put('}');
        return this;
    }

    JsonText array(String name) {
        key(name);
        return open('[');
    }

    JsonText endArray() {
        depth--;
        put(']');
        return this;
    }

    /** A number field; {@code null} leaves the field out, as the kubelet's {@code omitempty} does. */
    JsonText field(String name, Long value) {
        if (value != null) {
            key(name);
            number(value);
        }
        return this;
    }

    JsonText field(String name, long value) {
        key(name);
        number(value);
        return this;
    }

    JsonText field(String name, boolean value) {
        key(name);
        ascii(value ? "true" : "false");
        return this;
    }

    JsonText field(String name, String value) {
        if (value != null) {
            key(name);
            string(value);
        }
        return this;
    }

    /** RFC 3339 with whole seconds, as {@code metav1.Time} and Jackson's ISO instants write it. */
    JsonText field(String name, Instant value) {
        if (value != null) {
            key(name);
            instant(value.getEpochSecond());
        }
        return this;
    }

    byte[] toBytes() {
        return Arrays.copyOf(buf, len);
    }

    @Override
    public String toString() {
        return new String(buf, 0, len, StandardCharsets.UTF_8);
    }

    private JsonText open(char bracket) {
        put(bracket);
        first[++depth] = true;
        return this;
    }

    private void key(String name) {
        comma();
        bytes(KEYS.computeIfAbsent(name, JsonText::encodeKey));
    }

    /** {@code "name":} once per field name: names are a few dozen constants, written millions of times. */
    private static byte[] encodeKey(String name) {
        var json = new JsonText(name.length() + 4);
        json.string(name);
        json.put(':');
        return json.toBytes();
    }

    private void comma() {
        if (depth > 0) {
            if (first[depth]) {
                first[depth] = false;
            } else {
                put(',');
            }
        }
    }

    /**
     * {@code "2025-11-04T19:15:00Z"} without {@code DateTimeFormatter}: a scrape has hundreds of times and
     * formatting them was a third of the writing.
     */
    private void instant(long epochSecond) {
        room(22);
        buf[len++] = '"';
        if (writeInstant(buf, len, epochSecond)) {
            len += INSTANT_LENGTH;
        } else {
            ascii(Instant.ofEpochSecond(epochSecond).toString());
        }
        buf[len++] = '"';
    }

    /**
     * Writes the 20 characters of {@code yyyy-MM-ddTHH:mm:ssZ} at {@code at}; {@code false} (nothing written)
     * outside years 0-9999, whose spelling is longer. Days to civil date after H. Hinnant's algorithm.
     */
    static boolean writeInstant(byte[] out, int at, long epochSecond) {
        long days = Math.floorDiv(epochSecond, 86_400);
        long secondOfDay = Math.floorMod(epochSecond, 86_400);
        long z = days + 719_468;
        long era = Math.floorDiv(z, 146_097);
        long dayOfEra = z - era * 146_097;
        long yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
        long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        long mp = (5 * dayOfYear + 2) / 153;
        long day = dayOfYear - (153 * mp + 2) / 5 + 1;
        long month = mp < 10 ? mp + 3 : mp - 9;
        long year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
        if (year < 0 || year > 9_999) {
            return false;
        }
        digits(out, at, year, 4);
        out[at + 4] = '-';
        digits(out, at + 5, month, 2);
        out[at + 7] = '-';
        digits(out, at + 8, day, 2);
        out[at + 10] = 'T';
        digits(out, at + 11, secondOfDay / 3_600, 2);
        out[at + 13] = ':';
        digits(out, at + 14, secondOfDay / 60 % 60, 2);
        out[at + 16] = ':';
        digits(out, at + 17, secondOfDay % 60, 2);
        out[at + 19] = 'Z';
        return true;
    }

    private static void digits(byte[] out, int at, long value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            out[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
    }

    private void number(long v) {
        if (v == Long.MIN_VALUE) {
            bytes(MIN_LONG);
            return;
        }
        room(20);
        if (v < 0) {
            buf[len++] = '-';
            v = -v;
        }
        int digits = 1;
        for (long t = v; t >= 10; t /= 10) {
            digits++;
        }
        for (int i = len + digits - 1; i >= len; i--) {
            buf[i] = (byte) ('0' + v % 10);
            v /= 10;
        }
        len += digits;
    }

    private void string(String s) {
        int n = s.length();
        room(n + 2);
        buf[len++] = '"';
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == '"' || c == '\\' || c >= 0x80) {
                len -= i + 1;
                escaped(s);
                return;
            }
            buf[len++] = (byte) c;
        }
        buf[len++] = '"';
    }

    /** The slow path: quotes, backslashes, control characters and non-ASCII text. */
    private void escaped(String s) {
        var out = new StringBuilder(s.length() + 8).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c == '\n') {
                out.append("\\n");
            } else if (c == '\r') {
                out.append("\\r");
            } else if (c == '\t') {
                out.append("\\t");
            } else if (c < 0x20 || Character.isSurrogate(c)) {
                // Jackson writes characters outside the BMP as escaped surrogate pairs; so do we
                out.append(String.format(java.util.Locale.ROOT, "\\u%04X", (int) c));
            } else {
                out.append(c);
            }
        }
        bytes(out.append('"').toString().getBytes(StandardCharsets.UTF_8));
    }

    private void ascii(String s) {
        room(s.length());
        for (int i = 0; i < s.length(); i++) {
            buf[len++] = (byte) s.charAt(i);
        }
    }

    private void bytes(byte[] b) {
        room(b.length);
        System.arraycopy(b, 0, buf, len, b.length);
        len += b.length;
    }

    private void put(char c) {
        room(1);
        buf[len++] = (byte) c;
    }

    private void room(int n) {
        if (len + n > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + n));
        }
    }
}
