package io.heapstream.app.replay;

import io.heapstream.aggregator.RollupSettings;
import io.heapstream.model.rollup.Level;
import io.heapstream.model.rollup.Rollup;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.TimeoutException;

/**
 * {@code replay raw}: re-aggregates the raw scrapes of a range with the live aggregator's topology
 * ({@link RawAggregation}) and hands the rollups of the windows wholly inside the range to a sink.
 *
 * <p>Reads from one window before {@code from} (the first window's rates need the sample before it) to one window
 * and the grace after {@code to} (scrapes the live run would still have taken into the last window). With
 * {@code --cluster} only that cluster's scrapes go in, and the fleet level (which sums every cluster) is left out.
 */
public final class RawReplay implements AutoCloseable {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(RawReplay.class);
    private final RawReplayJob job;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private List<PartitionRange> plan;
    private List<PartitionRange> latePlan = List.of();

    /**
     * @param cluster     only this cluster's scrapes, or {@code null} for all
     * @param includeLate also the late topic's scrapes of the range
     * @param maxRate     scrapes per second at most; 0 = no limit
     */
    public record RawReplayJob(ReplayKafka kafka, RollupSettings rollup, ReplayRange range, String cluster,
                               boolean includeLate, double maxRate, Duration giveUpAfter) { }

    public RawReplay(RawReplayJob job) {
        this.job = job;
        this.consumer = job.kafka().consumer();
    }

    /** Checks the range against the topics before anything is written. */
    public void plan() {
        var planner = new OffsetPlanner(consumer, job.kafka().timeout());
        try {
            plan = planner.plan(job.rollup().rawTopic(), readFrom(), job.range(), readUntil());
            if (job.includeLate()) {
                // to the end: the aggregator writes the late topic in transactions (see OffsetPlanner#plan)
                latePlan = planner.planLenient(job.rollup().lateTopic(), readFrom(), null);
            }
        } catch (TimeoutException e) {
            throw job.kafka().unreachable(e);
        }
    }

    /** Offsets planned over every raw partition. */
    public long plannedRecords() {
        return plan.stream().mapToLong(PartitionRange::records).sum();
    }

    public ReplaySummary run(RollupSink sink, BooleanSupplier stopped, boolean terminal) throws InterruptedException {
        var counts = new ReplayCounts(job.rollup().window());
        var deadLetters = new SimpleMeterRegistry().counter("dead-letters");
        var late = readLate(counts);
        var reader = new MergedReader(consumer, plan, late);
        var pacer = new RatePacer(job.maxRate());
        var prefix = job.cluster() == null ? null : (job.cluster() + "/").getBytes(StandardCharsets.UTF_8);
        boolean interrupted;
        try (var aggregation = new RawAggregation(job.rollup().withEvents(counts), job.kafka().replayId(),
                readFrom(), deadLetters);
             var progress = new Progress("replay raw", "scrapes", reader.total(),
                     () -> reader.readRecords(), counts.read::get, sink::written, terminal, Duration.ofSeconds(5))) {
            int[] sinceDrain = {0};
            try {
                reader.run(record -> {
                    if (prefix != null && !startsWith(record.key(), prefix)) {
                        return;
                    }
                    pacer.acquire();
                    counts.read.incrementAndGet();
                    aggregation.pipe(record);
                    if (++sinceDrain[0] >= 50) {
                        sinceDrain[0] = 0;
                        deliver(aggregation.drain(), sink, counts);
                    }
                }, stopped, job.giveUpAfter());
            } catch (TimeoutException e) {
                throw job.kafka().unreachable(e);
            }
            interrupted = stopped.getAsBoolean();
            LOG.info("replay raw read {} scrapes in {} s{}", counts.read.get(),
                    String.format(java.util.Locale.ROOT, "%.1f", progress.elapsedSeconds()),
                    interrupted ? ", stopped: writing the windows complete so far" : ", closing the last windows");
            if (!interrupted) {
                aggregation.finish(job.range().to());
            }
            deliver(aggregation.drain(), sink, counts);
            sink.flush();
            counts.deadLetters.set((long) deadLetters.count());
            return counts.summary(sink.written(), sink.rejected(), progress.elapsedSeconds(), interrupted);
        }
    }

    private void deliver(List<Rollup> rollups, RollupSink sink, ReplayCounts counts) throws InterruptedException {
        for (var rollup : rollups) {
            if (job.range().holds(rollup.windowStart(), rollup.windowEnd())
                    && (job.cluster() == null || rollup.key().level() != Level.FLEET)) {
                counts.written(rollup);
                sink.accept(rollup);
            }
        }
    }

    /** The late topic's scrapes of the range, in time order: few, so read whole before the raw topic. */
    private List<ConsumerRecord<byte[], byte[]>> readLate(ReplayCounts counts) throws InterruptedException {
        var late = new ArrayList<ConsumerRecord<byte[], byte[]>>();
        if (latePlan.isEmpty()) {
            return late;
        }
        var reader = new MergedReader(consumer, latePlan, List.of());
        long from = readFrom().toEpochMilli();
        long until = readUntil().toEpochMilli();
        reader.run(record -> {
            if (record.timestamp() >= from && record.timestamp() < until) {
                late.add(record);
            }
        }, () -> false, job.giveUpAfter());
        consumer.unsubscribe();
        late.sort(Comparator.comparingLong(ConsumerRecord::timestamp));
        counts.lateMerged.set(late.size());
        return late;
    }

    private java.time.Instant readFrom() {
        return job.range().from().minus(job.rollup().window());
    }

    private java.time.Instant readUntil() {
        return job.range().to().plus(job.rollup().window()).plus(job.rollup().grace());
    }

    private static boolean startsWith(byte[] key, byte[] prefix) {
        return key != null && key.length >= prefix.length
                && Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length);
    }

    @Override
    public void close() {
        consumer.close();
    }
}
