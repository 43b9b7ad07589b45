package io.heapstream.bench.collector;

import java.io.IOException;
import java.io.OutputStream;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.utils.internals.ByteBufferOutputStream;

/** Compresses a record value the way the producer does (Kafka's codecs, record batch magic 2). */
final class Codecs {
    private Codecs() { }

    static int compressedSize(Compression codec, byte[] value) {
        var out = new ByteBufferOutputStream(value.length / 4 + 64);
        try (OutputStream stream = codec.wrapForOutput(out, (byte) 2)) {
            stream.write(value);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.position();
    }
}
