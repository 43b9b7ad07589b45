package io.heapstream.aggregator.sample;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** Reads what {@link BinaryOut} wrote. */
public final class BinaryIn {
    private final ByteBuffer in;

    public BinaryIn(byte[] bytes) {
        in = ByteBuffer.wrap(bytes);
    }

    public boolean hasMore() {
        return in.hasRemaining();
    }

    public String string() {
        if (in.get() == 0) {
            return null;
        }
        int length = in.getShort() & 0xFFFF;
        // writeUTF is modified UTF-8; plain UTF-8 decoding is the same for everything but NUL and surrogates
        if (isAscii(length)) {
            var s = new String(in.array(), in.position(), length, StandardCharsets.ISO_8859_1);
            in.position(in.position() + length);
            return s;
        }
        in.position(in.position() - 2);
        return readUtf();
    }

    public int varint() {
        int v = 0;
        int shift = 0;
        while (true) {
            byte b = in.get();
            v |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return v;
            }
            shift += 7;
        }
    }

    public long i64() {
        return in.getLong();
    }

    public double f64() {
        return in.getDouble();
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
            values.put(string(), f64());
        }
        return values;
    }

    private boolean isAscii(int length) {
        byte[] a = in.array();
        int start = in.position();
        for (int i = start; i < start + length; i++) {
            if (a[i] <= 0) {
                return false;
            }
        }
        return true;
    }

    private String readUtf() {
        try {
            var stream = new java.io.DataInputStream(new java.io.ByteArrayInputStream(in.array(), in.position(),
                    in.remaining()));
            int length = (in.getShort(in.position()) & 0xFFFF) + 2;
            var s = stream.readUTF();
            in.position(in.position() + length);
            return s;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
