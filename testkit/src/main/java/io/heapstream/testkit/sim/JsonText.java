package io.heapstream.testkit.sim;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;

/**
 * A small streaming JSON writer straight into UTF-8 bytes: the simulator writes kubelet JSON and raw records
 * by hand, field by field in a fixed order, because that is faster than Jackson's reflection (generation must
 * outrun the aggregator in benchmarks) and keeps the exact shape (absent fields left out, not {@code null}) in
 * view.
 */
final class JsonText {
    private static final byte[] MIN_LONG = Long.toString(Long.MIN_VALUE).getBytes(StandardCharsets.US_ASCII);

    private byte[] buf;
    private int len;
    private final boolean[] first = new boolean[64];
    private int depth;
    private Instant lastInstant;
    private byte[] lastText;

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
            if (!value.equals(lastInstant)) {
                lastInstant = value;
                lastText = value.truncatedTo(ChronoUnit.SECONDS).toString().getBytes(StandardCharsets.US_ASCII);
            }
            put('"');
            bytes(lastText);
            put('"');
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
        string(name);
        put(':');
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
