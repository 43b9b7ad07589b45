package io.heapstream.aggregator.sample;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

/**
 * Compact binary writing for state and internal topics (Jackson per field would dominate the hot path).
 * Strings are length-prefixed UTF-8; well-known metric ids are written as a one-byte code ({@link MetricIds}).
 */
public final class BinaryOut {
    private byte[] buf;
    private int pos;

    public BinaryOut(int expectedSize) {
        buf = new byte[Math.max(expectedSize, 16)];
    }

    public BinaryOut string(String s) {
        if (s == null) {
            varint(0);
            return this;
        }
        int n = s.length();
        ensure(n + 5);
        int lengthAt = pos;
        boolean ascii = n < 127;   // then the length prefix n + 1 is one varint byte
        if (ascii) {
            pos++;
            for (int i = 0; i < n; i++) {
                char c = s.charAt(i);
                if (c >= 0x80 || c == 0) {
                    ascii = false;
                    break;
                }
                buf[pos++] = (byte) c;
            }
        }
        if (ascii) {
            buf[lengthAt] = (byte) (n + 1);
        } else {
            pos = lengthAt;
            var bytes = s.getBytes(StandardCharsets.UTF_8);
            varint(bytes.length + 1);
            ensure(bytes.length);
            System.arraycopy(bytes, 0, buf, pos, bytes.length);
            pos += bytes.length;
        }
        return this;
    }

    public BinaryOut varint(int v) {
        ensure(5);
        while ((v & ~0x7F) != 0) {
            buf[pos++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        buf[pos++] = (byte) v;
        return this;
    }

    /** An unsigned varint of a long, 7 bits a byte (1–10 bytes). */
    public BinaryOut varlong(long v) {
        ensure(10);
        while ((v & ~0x7FL) != 0) {
            buf[pos++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        buf[pos++] = (byte) v;
        return this;
    }

    /** A signed long as a zigzag varlong: small values of either sign take few bytes. */
    public BinaryOut zigzag(long v) {
        return varlong((v << 1) ^ (v >> 63));
    }

    /**
     * {@code s} (not null) as UTF-8 after a varint of its byte length shifted left once, {@code lowBit} in the
     * freed bit: a format can then tell a literal from something else (a back-reference) with no extra byte.
     */
    public BinaryOut flaggedString(String s, int lowBit) {
        int n = s.length();
        ensure(n + 5);
        int at = pos;
        if (n < 64) {   // then the prefix is one byte and an ASCII string can be copied char by char
            pos++;
            for (int i = 0; i < n; i++) {
                char c = s.charAt(i);
                if (c >= 0x80) {
                    pos = at;
                    return flaggedBytes(s, lowBit);
                }
                buf[pos++] = (byte) c;
            }
            buf[at] = (byte) (n << 1 | lowBit);
            return this;
        }
        return flaggedBytes(s, lowBit);
    }

    private BinaryOut flaggedBytes(String s, int lowBit) {
        var bytes = s.getBytes(StandardCharsets.UTF_8);
        varint(bytes.length << 1 | lowBit);
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buf, pos, bytes.length);
        pos += bytes.length;
        return this;
    }

    public BinaryOut i64(long v) {
        ensure(8);
        for (int shift = 56; shift >= 0; shift -= 8) {
            buf[pos++] = (byte) (v >>> shift);
        }
        return this;
    }

    public BinaryOut f64(double v) {
        return i64(Double.doubleToRawLongBits(v));
    }

    public BinaryOut labels(Map<String, String> labels) {
        varint(labels.size());
        labels.forEach((k, v) -> string(k).string(v));
        return this;
    }

    public BinaryOut values(MetricValues values) {
        varint(values.size());
        for (int i = 0; i < values.size(); i++) {
            metricId(values.id(i));
            f64(values.value(i));
        }
        return this;
    }

    /** A metric id: its one-byte code when it has one, else the string. */
    public BinaryOut metricId(String id) {
        int code = MetricIds.code(id);
        return code > 0 ? varint(code) : varint(0).string(id);
    }

    /** Empties the buffer for reuse, keeping its capacity. */
    public BinaryOut reset() {
        pos = 0;
        return this;
    }

    public byte[] toBytes() {
        return Arrays.copyOf(buf, pos);
    }

    private void ensure(int more) {
        if (pos + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + more));
        }
    }
}
