package io.heapstream.collector;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * The collector's own meters, all named {@code heapstream.collector.*} (Prometheus:
 * {@code heapstream_collector_*}). One place, so docs/collector.md and the code list the same names.
 */
public final class CollectorMetrics {
    private final MeterRegistry registry;
    private final Timer scrapeDuration;
    private final Counter scrapes;
    private final Counter recordsProduced;
    private final Counter bytesProduced;
    private final Counter recordsDropped;
    private final Counter bytesDropped;
    private final Counter outOfRange;
    private final Counter podsUnenriched;
    private final Counter podsSkipped;
    private final AtomicLong bufferBytes = new AtomicLong();
    private final AtomicLong bufferRecords = new AtomicLong();

    public CollectorMetrics(MeterRegistry registry) {
        this.registry = registry;
        scrapeDuration = Timer.builder("heapstream.collector.scrape.duration")
                .description("Time from request to published record, per scrape attempt").register(registry);
        scrapes = Counter.builder("heapstream.collector.scrapes").description("Successful scrapes").register(registry);
        recordsProduced = Counter.builder("heapstream.collector.records.produced")
                .description("Raw records acknowledged by the broker").register(registry);
        bytesProduced = Counter.builder("heapstream.collector.bytes.produced").baseUnit("bytes")
                .description("Uncompressed bytes of the records acknowledged by the broker").register(registry);
        recordsDropped = Counter.builder("heapstream.collector.buffer.dropped")
                .description("Records dropped: oldest beyond --buffer-max-bytes, or rejected by the broker")
                .register(registry);
        bytesDropped = Counter.builder("heapstream.collector.buffer.dropped.bytes").baseUnit("bytes")
                .register(registry);
        outOfRange = Counter.builder("heapstream.collector.values.out_of_range")
                .description("Counters above 2^63-1 reported absent (2^64-1 means unknown)").register(registry);
        podsUnenriched = Counter.builder("heapstream.collector.pods.unenriched")
                .description("Pods reported without metadata because the source had not seen them").register(registry);
        podsSkipped = Counter.builder("heapstream.collector.pods.skipped")
                .description("Pods left out of a record because the kubelet gave them no name or namespace")
                .register(registry);
        Gauge.builder("heapstream.collector.buffer.bytes", bufferBytes, AtomicLong::get).baseUnit("bytes")
                .description("Bytes of scrapes waiting for the broker").register(registry);
        Gauge.builder("heapstream.collector.buffer.records", bufferRecords, AtomicLong::get)
                .description("Scrapes waiting for the broker").register(registry);
    }

    public void scrapeTook(Duration duration) {
        scrapeDuration.record(duration);
    }

    public void scraped() {
        scrapes.increment();
    }

    /** A failed scrape, by reason: timeout, connect, tls, http_401, http_403, http_5xx, too_large, truncated, ... */
    public void scrapeFailed(String reason) {
        Counter.builder("heapstream.collector.scrape.errors").tag("reason", reason)
                .description("Failed scrapes by reason").register(registry).increment();
    }

    /** A failed kubelet {@code /pods} fetch or API lookup for metadata, by reason. */
    public void metadataFailed(String reason) {
        Counter.builder("heapstream.collector.metadata.errors").tag("reason", reason)
                .description("Failed metadata fetches by reason").register(registry).increment();
    }

    /** A send the broker did not acknowledge (the record stays buffered), by exception name. */
    public void produceFailed(String reason) {
        Counter.builder("heapstream.collector.produce.errors").tag("reason", reason)
                .description("Sends not acknowledged, by error").register(registry).increment();
    }

    public void produced(long bytes) {
        recordsProduced.increment();
        bytesProduced.increment(bytes);
    }

    public void dropped(long bytes) {
        recordsDropped.increment();
        bytesDropped.increment(bytes);
    }

    public void outOfRange(int values) {
        outOfRange.increment(values);
    }

    public void skipped(int pods) {
        podsSkipped.increment(pods);
    }

    public void unenriched(int pods) {
        podsUnenriched.increment(pods);
    }

    public void buffer(long records, long bytes) {
        bufferRecords.set(records);
        bufferBytes.set(bytes);
    }

    /** Registers {@code heapstream.collector.kubelet.insecure}: 1 while kubelet TLS or the token is unprotected. */
    public void kubeletInsecure(boolean insecure) {
        Gauge.builder("heapstream.collector.kubelet.insecure", () -> insecure ? 1 : 0)
                .description("1 when kubelet certificates are not verified or the token is sent in clear")
                .register(registry);
    }

    /** Registers {@code heapstream.collector.metadata.synced} (1 or 0). */
    public void metadataSynced(BooleanSupplier synced) {
        Gauge.builder("heapstream.collector.metadata.synced", synced, s -> s.getAsBoolean() ? 1 : 0)
                .description("1 when the metadata source has its first complete view").register(registry);
    }

    public MeterRegistry registry() {
        return registry;
    }
}
