package io.heapstream.simulator;

import static java.util.Objects.requireNonNull;

import io.heapstream.model.codec.RawScrapeWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a fleet's scrapes to the raw topic as a collector with metadata would: key {@code cluster/node}, value
 * the {@code RawScrape} JSON ({@link RawScrapeWriter}, the same bytes as the model's serde), record timestamp =
 * the grid slot. Either a range of slots as fast as allowed (backfill, replay tests, benchmark input), or live
 * on the clock's grid. Scrapes are built and serialized in parallel in batches; sending keeps node order.
 */
public final class RawScrapeProducer implements AutoCloseable {
    /** No pacing: as fast as the machine and the broker allow. */
    public static final double MAX_RATE = Double.POSITIVE_INFINITY;

    private static final Logger LOG = LoggerFactory.getLogger(RawScrapeProducer.class);
    private static final int BATCH = 256;

    private final Producer<String, byte[]> producer;
    private final String topic;
    private final AtomicLong failed = new AtomicLong();
    private volatile Exception firstFailure;

    /**
     * A producer of its own: idempotent, {@code acks=all}, zstd (the collector's default, so benchmarks read what
     * collectors write), batching; {@code extra} overrides any of it.
     */
    public RawScrapeProducer(String bootstrap, String topic, Map<String, String> extra) {
        this(new KafkaProducer<>(properties(bootstrap, extra), new StringSerializer(), new ByteArraySerializer()),
                topic);
    }

    /** Over a given producer (tests pass a {@code MockProducer}); closing this closes it. */
    public RawScrapeProducer(Producer<String, byte[]> producer, String topic) {
        this.producer = requireNonNull(producer, "producer");
        this.topic = requireNonNull(topic, "topic");
    }

    static Map<String, Object> properties(String bootstrap, Map<String, String> extra) {
        var props = new HashMap<String, Object>();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, requireNonNull(bootstrap, "bootstrap"));
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "zstd");
        props.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, 512 * 1024);
        props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 8 * 1024 * 1024);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "heapstream-simulate");
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 30_000);
        if (extra != null) {
            props.putAll(extra);
        }
        return props;
    }

    /**
     * Every node at every grid slot in {@code [from, to)}, slot by slot, then flushes. The fleet must not be
     * past {@code from} already (a node cannot go back in time).
     *
     * @param scrapesPerSecond pace, or {@link #MAX_RATE}
     */
    public Result produceRange(Fleet fleet, Instant from, Instant to, double scrapesPerSecond) {
        var first = firstSlot(fleet, from);
        var pacer = new Pacer(scrapesPerSecond);
        long started = System.nanoTime();
        long[] sent = {0, 0};
        for (var slot = first; slot.isBefore(to); slot = slot.plus(fleet.spec().scrapeInterval())) {
            var at = slot;
            send(fleet, slot, ref -> RawScrapeWriter.write(fleet.scrape(ref.cluster(), ref.node(), at)), pacer, sent);
        }
        producer.flush();
        failFast();
        return result(sent[0], sent[1], started);
    }

    /**
     * Like {@link #produceRange} but each node is generated once, at the first slot, and later slots re-send those
     * bytes with every timestamp moved forward ({@link ShiftableScrape}): many times faster, for load where the
     * simulator must not be the bottleneck. Counters stand still, so rates come out zero; holds one scrape per
     * node in memory.
     */
    public Result produceRangeShifted(Fleet fleet, Instant from, Instant to, double scrapesPerSecond) {
        var first = firstSlot(fleet, from);
        var pacer = new Pacer(scrapesPerSecond);
        long started = System.nanoTime();
        long[] sent = {0, 0};
        var templates = new ConcurrentHashMap<String, ShiftableScrape>();
        for (var slot = first; slot.isBefore(to); slot = slot.plus(fleet.spec().scrapeInterval())) {
            var shift = Duration.between(first, slot);
            send(fleet, slot, ref -> shift.isZero()
                    ? templates.computeIfAbsent(ref.key(), k -> ShiftableScrape.of(
                            RawScrapeWriter.write(fleet.scrape(ref.cluster(), ref.node(), first)))).original()
                    : templates.get(ref.key()).shifted(shift), pacer, sent);
        }
        producer.flush();
        failFast();
        return result(sent[0], sent[1], started);
    }

    private static Instant firstSlot(Fleet fleet, Instant from) {
        var spec = fleet.spec();
        var first = spec.slotOf(from);
        if (first.isBefore(from)) {
            first = first.plus(spec.scrapeInterval());
        }
        if (first.isBefore(fleet.start())) {
            throw new IllegalArgumentException("--from " + from + " is before the fleet's start " + fleet.start()
                    + "; create the fleet at or before --from");
        }
        return first;
    }

    /**
     * Live: every node at each grid slot of the clock as it comes, until {@code running} turns false or the
     * thread is interrupted. Waits for the next slot in real time between slots.
     */
    public Result produceLive(Fleet fleet, Clock clock, double scrapesPerSecond, BooleanSupplier running) {
        var interval = fleet.spec().scrapeInterval();
        var pacer = new Pacer(scrapesPerSecond);
        long started = System.nanoTime();
        long[] sent = {0, 0};
        var slot = fleet.spec().slotOf(clock.instant());
        while (running.getAsBoolean() && !Thread.currentThread().isInterrupted()) {
            var at = slot;
            long before = sent[0];
            send(fleet, slot, ref -> RawScrapeWriter.write(fleet.scrape(ref.cluster(), ref.node(), at)), pacer, sent);
            producer.flush();
            LOG.info("simulate produced slot={} scrapes={} total={} failed={}", slot, sent[0] - before, sent[0],
                    failed.get());
            slot = slot.plus(interval);
            long waitMillis = Duration.between(clock.instant(), slot).toMillis();
            while (waitMillis > 0 && running.getAsBoolean() && !Thread.currentThread().isInterrupted()) {
                LockSupport.parkNanos(Duration.ofMillis(Math.min(waitMillis, 200)).toNanos());
                waitMillis = Duration.between(clock.instant(), slot).toMillis();
            }
        }
        producer.flush();
        return result(sent[0], sent[1], started);
    }

    /** Records whose send the broker refused so far (the first failure is logged). */
    public long failed() {
        return failed.get();
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(30));
    }

    /** One slot of every node: values made in parallel batches, sent in node order; adds to {@code sent}. */
    private void send(Fleet fleet, Instant slot, Function<NodeRef, byte[]> values, Pacer pacer, long[] sent) {
        List<NodeRef> refs = fleet.nodeRefs();
        long timestamp = slot.toEpochMilli();
        for (int i = 0; i < refs.size(); i += BATCH) {
            var batch = refs.subList(i, Math.min(refs.size(), i + BATCH));
            List<byte[]> made = (batch.size() > 8 ? batch.parallelStream() : batch.stream()).map(values).toList();
            for (int j = 0; j < batch.size(); j++) {
                failFast();
                pacer.await();
                var value = made.get(j);
                producer.send(new ProducerRecord<>(topic, null, timestamp, batch.get(j).key(), value),
                        (metadata, e) -> {
                            if (e != null && failed.getAndIncrement() == 0) {
                                firstFailure = e;
                                LOG.error("simulate cannot write to topic={}: {}", topic, e.toString());
                            }
                        });
                sent[0]++;
                sent[1] += value.length;
            }
        }
    }

    /**
     * Stops at the first refused record: a missing topic or an unreachable broker fails every record after a
     * {@code max.block.ms} wait each, which would stall a backfill for hours instead of saying why.
     */
    private void failFast() {
        var failure = firstFailure;
        if (failure != null) {
            throw new IllegalStateException("cannot write to topic " + topic + " (does it exist? is the broker"
                    + " reachable?): " + failure.getMessage(), failure);
        }
    }

    private Result result(long scrapes, long bytes, long startedNanos) {
        return new Result(scrapes, bytes, failed.get(), Duration.ofNanos(System.nanoTime() - startedNanos),
                firstFailure == null ? null : firstFailure.toString());
    }

    /**
     * What a run wrote.
     *
     * @param failed       records the broker refused (all runs of this producer so far)
     * @param firstFailure the first refusal's reason, or {@code null}
     */
    public record Result(long scrapes, long bytes, long failed, Duration elapsed, String firstFailure) {
        public double scrapesPerSecond() {
            double seconds = elapsed.toNanos() / 1e9;
            return seconds == 0 ? 0 : scrapes / seconds;
        }
    }
}
