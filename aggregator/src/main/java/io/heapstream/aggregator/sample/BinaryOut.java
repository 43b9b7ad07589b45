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
