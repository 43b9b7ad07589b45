package io.heapstream.collector.publish;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.concurrent.TimeUnit;

/**
 * Serialized scrapes waiting for the broker, bounded by bytes. When a new record would pass the bound, the
 * oldest waiting records are dropped (and reported to the {@link DropListener}): recent data is worth more than
 * old, and the process must never grow without bound. The record being sent is never dropped under the sender;
 * so the bound can be passed by at most that one record plus the newest.
 *
 * <p>A record that has to queue behind another (the broker is slow or away) is kept deflated: raw JSON of a
 * node shrinks about tenfold, so the default bound holds ten minutes of a large node in a small heap. The
 * common case, an empty queue, costs nothing.
 */
final class PendingBuffer {
    /** One record to send; {@code value} is deflated when {@code deflated}. */
    record Pending(String key, byte[] value, Instant scrapeTime, boolean deflated) {
        Pending(String key, byte[] value, Instant scrapeTime) {
            this(key, value, scrapeTime, false);
        }

        /** The record's JSON, inflated if it was kept deflated. */
        byte[] json() {
            return deflated ? Deflation.inflate(value) : value;
        }
    }

    interface DropListener {
        void dropped(Pending record);
    }

    private final long maxBytes;
    private final boolean deflateBacklog;
    private final DropListener onDrop;
    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    private Pending inFlight;
    private long bytes;

    PendingBuffer(long maxBytes, DropListener onDrop) {
        this(maxBytes, true, onDrop);
    }

    PendingBuffer(long maxBytes, boolean deflateBacklog, DropListener onDrop) {
        this.maxBytes = maxBytes;
        this.deflateBacklog = deflateBacklog;
        this.onDrop = onDrop;
    }

    synchronized void offer(Pending offered) {
        Pending record = offered;
        if (deflateBacklog && !queue.isEmpty() && !offered.deflated()) {
            byte[] deflated = Deflation.deflate(offered.value());
            if (deflated.length < offered.value().length) {
                record = new Pending(offered.key(), deflated, offered.scrapeTime(), true);
            }
        }
        queue.addLast(record);
        bytes += record.value().length;
        Iterator<Pending> oldest = queue.iterator();
        while (bytes > maxBytes && oldest.hasNext()) {
            Pending candidate = oldest.next();
            if (candidate == record) {
                break;
            }
            if (candidate != inFlight) {
                oldest.remove();
                bytes -= candidate.value().length;
                onDrop.dropped(candidate);
            }
        }
        notifyAll();
    }

    /** The oldest record, now marked in flight; waits up to {@code timeoutMs}; {@code null} when none came. */
    synchronized Pending next(long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        while (queue.isEmpty()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return null;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        inFlight = queue.peekFirst();
        return inFlight;
    }

    /** The broker has it (or it can never be sent): it leaves the buffer. */
    synchronized void done(Pending record) {
        if (queue.remove(record)) {
            bytes -= record.value().length;
        }
        if (inFlight == record) {
            inFlight = null;
        }
    }

    /** Sending failed and will be retried: the record is an ordinary waiting one again. */
    synchronized void retryLater(Pending record) {
        if (inFlight == record) {
            inFlight = null;
        }
    }

    synchronized long bytes() {
        return bytes;
    }

    synchronized int records() {
        return queue.size();
    }

    synchronized boolean isEmpty() {
        return queue.isEmpty();
    }
}
