package io.heapstream.app.replay;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads the planned offsets of every partition with {@code assign()} (no group, nothing committed) and hands the
 * records on in timestamp order across partitions, each partition's own order kept. The live aggregator keeps
 * one stream time per partition; a replay that runs every partition through one task must see them interleaved
 * by time, or one partition running ahead would make the others' scrapes look late. Partitions whose buffer is
 * full are paused, so memory stays bounded by {@link #BUFFER} records per partition.
 */
public final class MergedReader {
    static final int BUFFER = 500;

    /** What receives the records; may block (rate limit) and may be interrupted. */
    public interface Receiver {
        void accept(ConsumerRecord<byte[], byte[]> record) throws InterruptedException;
    }

    private final Consumer<byte[], byte[]> consumer;
    private final Map<TopicPartition, PartitionRange> ranges = new HashMap<>();
    private final Map<Object, ArrayDeque<ConsumerRecord<byte[], byte[]>>> buffers = new HashMap<>();
    private final Map<TopicPartition, Long> read = new HashMap<>();

    /**
     * @param extra records from elsewhere (e.g. the late topic), already in timestamp order, merged in as one more
     *              source
     */
    public MergedReader(Consumer<byte[], byte[]> consumer, Collection<PartitionRange> plan,
                        List<ConsumerRecord<byte[], byte[]>> extra) {
        this.consumer = consumer;
        for (var range : plan) {
            if (range.records() > 0) {
                ranges.put(range.partition(), range);
                buffers.put(range.partition(), new ArrayDeque<>());
                read.put(range.partition(), 0L);
            }
        }
        if (!extra.isEmpty()) {
            buffers.put("extra", new ArrayDeque<>(extra));
        }
    }

    /** Records read so far per partition (for progress by offsets). */
    public synchronized long readRecords() {
        return read.values().stream().mapToLong(Long::longValue).sum();
    }

    /**
     * Reads until every partition reached its stop offset, or {@code stopped} says so.
     *
     * @param giveUpAfter how long polls may return nothing while records are still due (a broker down)
     * @throws ReplayFailure when the broker gave nothing for {@code giveUpAfter}
     */
    public void run(Receiver receiver, BooleanSupplier stopped, Duration giveUpAfter) throws InterruptedException {
        consumer.assign(ranges.keySet());
        ranges.values().forEach(r -> consumer.seek(r.partition(), r.start()));
        long lastRecord = System.nanoTime();
        while (!stopped.getAsBoolean()) {
            int got = fill(Duration.ofMillis(200));
            if (got > 0) {
                lastRecord = System.nanoTime();
            } else if (got == 0 && System.nanoTime() - lastRecord > giveUpAfter.toNanos()) {
                throw new ReplayFailure("no record from the broker for " + giveUpAfter.toSeconds() + "s while "
                        + (total() - readRecords()) + " are still due (is the broker reachable?)");
            }
            if (got >= 0) {
                continue;
            }
            var source = earliest();
            if (source == null) {
                return;
            }
            receiver.accept(buffers.get(source).poll());
        }
    }

    /** Records planned over every partition. */
    public long total() {
        return ranges.values().stream().mapToLong(PartitionRange::records).sum();
    }

    /**
     * Polls when a partition that is not finished has nothing buffered.
     *
     * @return -1 when nothing needed polling, else how many records the poll buffered
     */
    private int fill(Duration pollTimeout) {
        var starved = new ArrayList<TopicPartition>();
        for (var range : ranges.values()) {
            if (buffers.get(range.partition()).isEmpty() && !finished(range)) {
                starved.add(range.partition());
            }
        }
        if (starved.isEmpty()) {
            return -1;
        }
        var full = new ArrayList<TopicPartition>();
        buffers.forEach((source, buffer) -> {
            if (source instanceof TopicPartition p && buffer.size() >= BUFFER) {
                full.add(p);
            }
        });
        consumer.pause(full);
        consumer.resume(starved);
        int got = 0;
        for (var record : consumer.poll(pollTimeout)) {
            var p = new TopicPartition(record.topic(), record.partition());
            var range = ranges.get(p);
            if (range != null && record.offset() < range.stop()) {
                buffers.get(p).add(record);
                got++;
            }
        }
        synchronized (this) {
            for (var range : ranges.values()) {
                long position = Math.min(consumer.position(range.partition()), range.stop());
                read.put(range.partition(), position - range.start());
            }
        }
        return got;
    }

    private boolean finished(PartitionRange range) {
        return consumer.position(range.partition()) >= range.stop();
    }

    private Object earliest() {
        Object best = null;
        long bestTime = Long.MAX_VALUE;
        for (var e : buffers.entrySet()) {
            var head = e.getValue().peek();
            if (head != null && head.timestamp() < bestTime) {
                best = e.getKey();
                bestTime = head.timestamp();
            }
        }
        return best;
    }
}
