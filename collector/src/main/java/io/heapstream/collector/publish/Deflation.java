package io.heapstream.collector.publish;

import java.io.ByteArrayOutputStream;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/** The JDK's deflate at its fastest level, for records that wait in memory (not a wire format). */
final class Deflation {
    private Deflation() { }

    static byte[] deflate(byte[] raw) {
        var deflater = new Deflater(Deflater.BEST_SPEED);
        try {
            deflater.setInput(raw);
            deflater.finish();
            var out = new ByteArrayOutputStream(raw.length / 8 + 64);
            byte[] chunk = new byte[16 * 1024];
            while (!deflater.finished()) {
                out.write(chunk, 0, deflater.deflate(chunk));
            }
            return out.toByteArray();
        } finally {
            deflater.end();
        }
    }

    static byte[] inflate(byte[] deflated) {
        var inflater = new Inflater();
        try {
            inflater.setInput(deflated);
            var out = new ByteArrayOutputStream(deflated.length * 8);
            byte[] chunk = new byte[64 * 1024];
            while (!inflater.finished()) {
                int n = inflater.inflate(chunk);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new IllegalStateException("a buffered record is corrupt");
                }
                out.write(chunk, 0, n);
            }
            return out.toByteArray();
        } catch (DataFormatException e) {
            throw new IllegalStateException("a buffered record is corrupt", e);
        } finally {
            inflater.end();
        }
    }
}
