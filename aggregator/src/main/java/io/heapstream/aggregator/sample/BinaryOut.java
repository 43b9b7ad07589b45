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
        return s == null ? varint(0) : prefixed(s, 1, 1);
    }

    /** An unsigned varint of an int (a negative one takes 5 bytes). */
    public BinaryOut varint(int v) {
        return varlong(v & 0xFFFFFFFFL);
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
        return prefixed(s, 2, lowBit);
    }

    /**
     * {@code s} as UTF-8 after the varint {@code byteLength * scale + offset}. An ASCII string whose prefix fits
     * one byte is copied char by char, sparing the encoder's array.
     */
    private BinaryOut prefixed(String s, int scale, int offset) {
        int n = s.length();
        ensure(n + 5);
        int at = pos;
        int prefix = n * scale + offset;
        if (prefix < 0x80) {
            pos++;
            for (int i = 0; i < n; i++) {
                char c = s.charAt(i);
                if (c >= 0x80) {
                    pos = at;
                    return prefixedBytes(s, scale, offset);
                }
                buf[pos++] = (byte) c;
            }
            buf[at] = (byte) prefix;
            return this;
        }
        return prefixedBytes(s, scale, offset);
    }

    private BinaryOut prefixedBytes(String s, int scale, int offset) {
        var bytes = s.getBytes(StandardCharsets.UTF_8);
        varint(bytes.length * scale + offset);
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
