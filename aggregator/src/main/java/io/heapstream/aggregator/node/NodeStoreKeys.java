package io.heapstream.aggregator.node;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.utils.Bytes;

/**
 * Keys of the node stage's store: {@code node key, 0x00, 0x01} for a node's rate baselines,
 * {@code node key, 0x00, 0x02, slot (8 bytes, big-endian)} for a node's sample of a slot, so that one scan
 * meets each node's baselines and then its slots in time order; {@code 0x00 'w'} holds the task's idle
 * watermark, {@code 0x00 't'} its stream time (the newest slot) and {@code 0x00 'm'} its event watermark (the
 * slowest live node's newest slot; raw keys never start with 0x00).
 */
final class NodeStoreKeys {
    static final Bytes WATERMARK = Bytes.wrap(new byte[] {0, 'w'});
    static final Bytes STREAM_TIME = Bytes.wrap(new byte[] {0, 't'});
    static final Bytes EVENT_WATERMARK = Bytes.wrap(new byte[] {0, 'm'});
    static final byte BASELINES = 1;
    static final byte SLOT = 2;

    private NodeStoreKeys() { }

    static Bytes baselines(String nodeKey) {
        var node = nodeKey.getBytes(StandardCharsets.UTF_8);
        return Bytes.wrap(ByteBuffer.allocate(node.length + 2).put(node).put((byte) 0).put(BASELINES).array());
    }

    static Bytes slot(String nodeKey, long slotMillis) {
        var node = nodeKey.getBytes(StandardCharsets.UTF_8);
        return Bytes.wrap(ByteBuffer.allocate(node.length + 10).put(node).put((byte) 0).put(SLOT)
                .putLong(slotMillis).array());
    }

    static boolean isWatermark(Bytes key) {
        return key.get().length > 0 && key.get()[0] == 0;
    }

    /** The node key part. */
    static String node(Bytes key) {
        var b = key.get();
        int end = 0;
        while (b[end] != 0) {
            end++;
        }
        return new String(b, 0, end, StandardCharsets.UTF_8);
    }

    static byte type(Bytes key) {
        var b = key.get();
        int end = 0;
        while (b[end] != 0) {
            end++;
        }
        return b[end + 1];
    }

    static long slotOf(Bytes key) {
        var b = key.get();
        return ByteBuffer.wrap(b, b.length - 8, 8).getLong();
    }
}
