package io.heapstream.collector.publish;

import io.heapstream.collector.CollectorMetrics;
import io.heapstream.collector.ScrapeLoop;
import io.heapstream.model.Topic;
import io.heapstream.model.codec.RawScrapeWriter;
import io.heapstream.model.raw.RawScrape;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.RetriableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes raw scrapes to Kafka without ever blocking the scrape loop: {@link #publish} serializes the record
 * into a {@link PendingBuffer} bounded by bytes, and one sender thread hands the oldest waiting record to the
 * producer, one at a time, until the broker acknowledges it. While the broker is away the sender retries with
 * backoff and the buffer drops its oldest records beyond the bound, counting each drop. Authentication and
 * authorization errors are waited out the same way: they come and go with credential rotation and ACL changes,
 * and the record is not at fault. A record the broker refuses for good (too large, invalid) is dropped and
 * logged at ERROR: data is lost.
 */
public final class RawPublisher implements ScrapeLoop.Sink, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RawPublisher.class);
    private static final Duration MIN_BACKOFF = Duration.ofMillis(200);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);
    /** How long the idle sender sleeps before it looks at {@code running} again: a backstop, not a poll. */
    private static final Duration IDLE_WAIT = Duration.ofMinutes(1);

    private final Producer<String, byte[]> producer;
    private final String topic;
    private final PendingBuffer buffer;
    private final CollectorMetrics metrics;
    private final Duration sendTimeout;
    private final Thread sender;
    private final Object pause = new Object();
    private volatile boolean running = true;
    private volatile boolean closed;
    private boolean failing;

    /**
     * @param sendTimeout how long to wait for one acknowledgement; longer than the producer's
     *                    {@code delivery.timeout.ms}, so the producer's own verdict normally comes first
     */
    public RawPublisher(Producer<String, byte[]> producer, Topic<String, RawScrape> topic, long maxBufferBytes,
                        Duration sendTimeout, CollectorMetrics metrics) {
        this.producer = producer;
        this.topic = topic.name();
        this.metrics = metrics;
        this.sendTimeout = sendTimeout;
        this.buffer = new PendingBuffer(maxBufferBytes, dropped -> {
            metrics.dropped(dropped.value().length);
            LOG.error("record dropped key={} scrapeTime={} bytes={} reason=buffer_full (--buffer-max-bytes): data is lost",
                    dropped.key(), dropped.scrapeTime(), dropped.value().length);
        });
        this.sender = new Thread(this::sendLoop, "raw-publisher");
        this.sender.setDaemon(true);
    }

    public void start() {
        sender.start();
    }

    @Override
    public void publish(RawScrape scrape) {
        if (closed) {
            return;
        }
        // The same bytes as topic.valueSerde() writes, at a fraction of the cost (see RawScrapeWriter).
        byte[] value = RawScrapeWriter.write(scrape);
        buffer.offer(new PendingBuffer.Pending(scrape.key(), value, scrape.scrapeTime()));
        updateGauges();
    }

    private void sendLoop() {
        Duration backoff = MIN_BACKOFF;
        while (running) {
            PendingBuffer.Pending next;
            try {
                // offer() wakes the sender at once and close() interrupts it, so the wait needs no short timeout:
                // waking every second to find nothing was ≈ 600 wake-ups per 10 minutes on every node (issue 19).
                next = buffer.next(IDLE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
                if (next == null) {
                    continue;
                }
                send(next);
                backoff = MIN_BACKOFF;
            } catch (InterruptedException e) {
                return;
            } catch (SendFailed e) {
                pause(backoff);
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            } catch (RuntimeException e) {
                // Never let the sender die: an unexpected error is treated like a failed send.
                metrics.produceFailed(e.getClass().getSimpleName());
                LOG.warn("publisher error topic={} detail={}", topic, e.toString(), e);
                pause(backoff);
            }
        }
    }

    private void send(PendingBuffer.Pending record) throws InterruptedException, SendFailed {
        byte[] json;
        try {
            json = record.json();
        } catch (IllegalStateException e) {
            buffer.done(record);
            metrics.dropped(record.value().length);
            LOG.error("record dropped key={} scrapeTime={} reason=corrupt_in_buffer: data is lost", record.key(),
                    record.scrapeTime());
            return;
        }
        try {
            producer.send(new ProducerRecord<>(topic, null, record.scrapeTime().toEpochMilli(), record.key(), json))
                    .get(sendTimeout.toMillis(), TimeUnit.MILLISECONDS);
            buffer.done(record);
            metrics.produced(json.length);
            if (failing) {
                failing = false;
                LOG.info("broker reachable again topic={} waiting={} records", topic, buffer.records());
            }
        } catch (ExecutionException e) {
            failed(record, e.getCause());
        } catch (KafkaException | java.util.concurrent.TimeoutException e) {
            failed(record, e);
        } finally {
            updateGauges();
        }
    }

    private void failed(PendingBuffer.Pending record, Throwable error) throws SendFailed {
        if (error instanceof InterruptException) {
            // close() stops the sender mid-send: the broker refused nothing, and close() reports what is left
            buffer.retryLater(record);
            Thread.currentThread().interrupt();
            throw new SendFailed();
        }
        String reason = error.getClass().getSimpleName();
        metrics.produceFailed(reason);
        boolean retriable = error instanceof RetriableException || error instanceof java.util.concurrent.TimeoutException
                || error instanceof AuthenticationException || error instanceof AuthorizationException;
        if (!retriable) {
            buffer.done(record);
            metrics.dropped(record.value().length);
            LOG.error("record dropped key={} scrapeTime={} bytes={} reason={}: the broker refused it, data is lost",
                    record.key(), record.scrapeTime(), record.value().length, reason);
            return;
        }
        buffer.retryLater(record);
        if (!failing) {
            failing = true;
            LOG.warn("broker unavailable topic={} reason={} detail={}; buffering up to --buffer-max-bytes",
                    topic, reason, error.getMessage());
        }
        throw new SendFailed();
    }

    private void pause(Duration backoff) {
        synchronized (pause) {
            try {
                if (running) {
                    pause.wait(backoff.toMillis());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running = false;
            }
        }
    }

    private void updateGauges() {
        metrics.buffer(buffer.records(), buffer.bytes());
    }

    /** Whether the sender thread is alive (for {@code /healthz}). */
    public boolean healthy() {
        return sender.isAlive() || !running;
    }

    public long bufferedBytes() {
        return buffer.bytes();
    }

    public int bufferedRecords() {
        return buffer.records();
    }

    /**
     * Stops accepting records, gives the sender up to {@code drain} to deliver what waits, then closes the
     * producer. Idempotent.
     */
    public void close(Duration drain) {
        if (closed) {
            return;
        }
        closed = true;
        long deadline = System.nanoTime() + drain.toNanos();
        while (!buffer.isEmpty() && System.nanoTime() < deadline && sender.isAlive()) {
            synchronized (pause) {
                try {
                    pause.wait(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        if (!buffer.isEmpty()) {
            LOG.error("closing with {} records ({} bytes) not delivered: data is lost", buffer.records(), buffer.bytes());
        }
        running = false;
        synchronized (pause) {
            pause.notifyAll();
        }
        sender.interrupt();
        try {
            sender.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close(Duration.ofSeconds(5));
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(5));
    }

    /** A retriable failure: back off, then try the same record again. */
    private static final class SendFailed extends Exception {
        SendFailed() {
            super(null, null, false, false);
        }
    }
}
