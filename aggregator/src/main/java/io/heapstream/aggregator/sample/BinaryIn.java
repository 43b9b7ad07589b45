package io.heapstream.aggregator.sample;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** Reads what {@link BinaryOut} wrote. */
public final class BinaryIn {
    private final byte[] buf;
    private int pos;

    public BinaryIn(byte[] bytes) {
        buf = bytes;
    }

    public boolean hasMore() {
        return pos < buf.length;
    }

    public String string() {
        int n = varint();
        return n == 0 ? null : utf8(n - 1);
    }

    public int varint() {
        return (int) varlong();
    }

    /** What {@link BinaryOut#varlong(long)} wrote. */
    public long varlong() {
        long v = 0;
        int shift = 0;
        while (true) {
            byte b = buf[pos++];
            v |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return v;
            }
            shift += 7;
        }
    }

    /** What {@link BinaryOut#zigzag(long)} wrote. */
    public long zigzag() {
        long v = varlong();
        return (v >>> 1) ^ -(v & 1);
    }

    /** The next {@code byteLength} bytes as UTF-8 (the text of {@link BinaryOut#flaggedString}). */
    public String utf8(int byteLength) {
        var s = new String(buf, pos, byteLength, StandardCharsets.UTF_8);
        pos += byteLength;
        return s;
    }

    public long i64() {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (buf[pos++] & 0xFF);
        }
        return v;
    }

    public double f64() {
        return Double.longBitsToDouble(i64());
    }

    public Map<String, String> labels() {
        int n = varint();
        if (n == 0) {
            return Map.of();
        }
        var labels = new HashMap<String, String>(n * 2);
        for (int i = 0; i < n; i++) {
            labels.put(string(), string());
        }
        return labels;
    }

    public MetricValues values() {
        int n = varint();
        var values = new MetricValues(n + 4);
        for (int i = 0; i < n; i++) {
            values.put(metricId(), f64());
        }
        return values;
    }

    public String metricId() {
        int code = varint();
        return code > 0 ? MetricIds.id(code) : string();
    }
}
