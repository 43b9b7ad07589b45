package io.heapstream.app.replay;

import io.heapstream.aggregator.RollupSettings;
import io.heapstream.model.rollup.Level;
import io.heapstream.model.rollup.Rollup;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.utils.Utils;

/**
 * {@code replay raw}: re-aggregates the raw scrapes of a range with the live aggregator's node and totals stages
 * ({@link SharedAggregation}: the raw partitions shared by every process of the same {@code --replay-id}) and hands
 * the rollups of the windows wholly inside the range to a sink.
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
        var late = readLate(counts);
        var settings = forPartitions(job.rollup().withEvents(counts), plan.size());
        var topic = new TotalsTopic(job.kafka());
        topic.create(plan.size());
        var pacer = new RatePacer(job.maxRate());
        var prefix = job.cluster() == null ? null : (job.cluster() + "/").getBytes(StandardCharsets.UTF_8);
        var output = new SharedAggregation.Output() {
            @Override
            public void rollups(List<Rollup> rollups) throws InterruptedException {
                deliver(rollups, sink, counts);
            }

            @Override
            public void flush() throws InterruptedException {
                sink.flush();
            }
        };
        boolean done = false;
        int perPoll = job.maxRate() > 0 ? (int) Math.max(1, Math.min(500, job.maxRate())) : 500;
        try (var group = job.kafka().groupConsumer(perPoll); var producer = job.kafka().producer()) {
            var shared = new SharedAggregation(settings, plan, byPartition(late), topic.name(), fingerprint(late),
                    readFrom(), job.range().to(), counts.deadLetters::incrementAndGet, group, producer);
            try (var progress = new Progress("replay raw", "scrapes", plannedRecords(), shared::offsetsRead,
                    counts.read::get, sink::written, terminal, Duration.ofSeconds(5))) {
                long lastRecord = System.nanoTime();
                while (!done && !stopped.getAsBoolean()) {
                    var records = group.poll(Duration.ofMillis(200));
                    if (!records.isEmpty()) {
                        lastRecord = System.nanoTime();
                    }
                    for (var record : records) {
                        if (stopped.getAsBoolean()) {
                            break;
                        }
                        if (record.topic().equals(topic.name())) {
                            deliver(shared.totals(record), sink, counts);
                        } else {
                            boolean take = prefix == null || startsWith(record.key(), prefix);
                            if (take) {
                                pacer.acquire();
                            }
                            deliver(shared.raw(record, take, counts.read::incrementAndGet), sink, counts);
                        }
                    }
                    for (int partition : shared.due()) {
                        shared.finish(partition, output);
                    }
                    done = shared.complete() || shared.idle();
                    if (!done && records.isEmpty() && System.nanoTime() - lastRecord > job.giveUpAfter().toNanos()) {
                        throw new ReplayFailure("no record from the broker for " + job.giveUpAfter().toSeconds()
                                + "s while the replay is not done (is the broker reachable?)");
                    }
                }
                if (shared.idle()) {
                    LOG.info("replay group {} gave this process no partition: the others do the replay",
                            job.kafka().group());
                }
                LOG.info("replay raw read {} scrapes in {} s{}", counts.read.get(),
                        String.format(java.util.Locale.ROOT, "%.1f", progress.elapsedSeconds()),
                        done ? "" : ", stopped: the windows complete so far are written");
                sink.flush();
                return counts.summary(sink.written(), sink.rejected(), progress.elapsedSeconds(), !done);
            } catch (TimeoutException e) {
                throw job.kafka().unreachable(e);
            }
        } finally {
            if (done) {
                topic.removeIfLast();
            }
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

    /** The totals stages wait for a watermark from each raw partition's node stage. */
    private static RollupSettings forPartitions(RollupSettings s, int partitions) {
        return new RollupSettings(s.rawTopic(), s.rollupTopicPrefix(), s.lateTopic(), s.window(), s.grace(),
                s.coarser(), partitions, s.idleTimeout(), s.events());
    }

    /** A late scrape belongs to the raw partition its key goes to (the producer's default partitioner). */
    private Map<Integer, List<ConsumerRecord<byte[], byte[]>>> byPartition(List<ConsumerRecord<byte[], byte[]>> late) {
        var result = new HashMap<Integer, List<ConsumerRecord<byte[], byte[]>>>();
        for (var record : late) {
            int partition = record.key() == null ? 0 : Utils.toPositive(Utils.murmur2(record.key())) % plan.size();
            result.computeIfAbsent(partition, p -> new ArrayList<>()).add(record);
        }
        return result;
    }

    /** What makes two runs the same job: only then may one reuse what the other left in the totals topic. */
    private byte[] fingerprint(List<ConsumerRecord<byte[], byte[]>> late) {
        var r = job.rollup();
        var text = String.join("|", r.rawTopic(), job.range().from().toString(), job.range().to().toString(),
                r.window().toString(), r.grace().toString(), r.coarser().toString(), String.valueOf(job.cluster()),
                Boolean.toString(job.includeLate()), Integer.toString(late.size()), Integer.toString(plan.size()));
        return UUID.nameUUIDFromBytes(text.getBytes(StandardCharsets.UTF_8)).toString()
                .getBytes(StandardCharsets.UTF_8);
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
