package io.heapstream.aggregator.sample;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/** Compact binary writing for state and internal topics (Jackson per field would dominate the hot path). */
public final class BinaryOut {
    private final ByteArrayOutputStream bytes;
    private final DataOutputStream out;

    public BinaryOut(int expectedSize) {
        bytes = new ByteArrayOutputStream(expectedSize);
        out = new DataOutputStream(bytes);
    }

    public BinaryOut string(String s) {
        try {
            if (s == null) {
                out.writeByte(0);
            } else {
                out.writeByte(1);
                out.writeUTF(s);
            }
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public BinaryOut varint(int v) {
        try {
            while ((v & ~0x7F) != 0) {
                out.writeByte((v & 0x7F) | 0x80);
                v >>>= 7;
            }
            out.writeByte(v);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public BinaryOut i64(long v) {
        try {
            out.writeLong(v);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public BinaryOut f64(double v) {
        try {
            out.writeDouble(v);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public BinaryOut labels(Map<String, String> labels) {
        varint(labels.size());
        labels.forEach((k, v) -> string(k).string(v));
        return this;
    }

    public BinaryOut values(MetricValues values) {
        varint(values.size());
        for (int i = 0; i < values.size(); i++) {
            string(values.id(i));
            f64(values.value(i));
        }
        return this;
    }

    public byte[] toBytes() {
        return bytes.toByteArray();
    }
}
