package io.heapstream.app.replay;

import io.heapstream.model.Topics;
import io.heapstream.model.rollup.Rollup;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * {@code replay rollups}: re-writes the rollups of one resolution's topic whose windows lie wholly inside the
 * range. The read starts at the first record stamped at or after {@code from} (rollups are stamped with their
 * window's start) and goes on to the end offsets taken at the start: a rollup is written when its window closes,
 * which in a backlog can be long after records stamped later, and the aggregator's transaction markers carry the
 * wall-clock time of their commit, so {@code offsetsForTimes} cannot say where the range ends. The window filter
 * keeps what belongs.
 */
public final class RollupsReplay implements AutoCloseable {
    private final RollupsReplayJob job;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private List<PartitionRange> plan;

    /** @param topic the rollup topic of {@code resolution} */
    public record RollupsReplayJob(ReplayKafka kafka, String topic, Duration resolution, ReplayRange range,
                                   double maxRate, Duration giveUpAfter) { }

    public RollupsReplay(RollupsReplayJob job) {
        this.job = job;
        this.consumer = job.kafka().consumer();
    }

    public void plan() {
        try {
            plan = new OffsetPlanner(consumer, job.kafka().timeout()).plan(job.topic(), job.range().from(),
                    job.range(), null);
        } catch (TimeoutException e) {
            throw job.kafka().unreachable(e);
        }
    }

    /** Offsets planned over every partition. */
    public long plannedRecords() {
        return plan.stream().mapToLong(PartitionRange::records).sum();
    }

    public ReplaySummary run(RollupSink sink, BooleanSupplier stopped, boolean terminal) throws InterruptedException {
        var counts = new ReplayCounts(job.resolution());
        var reader = new MergedReader(consumer, plan, List.of());
        var pacer = new RatePacer(job.maxRate());
        Deserializer<Rollup> values = Topics.ROLLUP.deserializer();
        try (var progress = new Progress("replay rollups", "rollups", reader.total(), reader::readRecords,
                counts.read::get, sink::written, terminal, Duration.ofSeconds(5))) {
            try {
                reader.run(record -> {
                    counts.read.incrementAndGet();
                    if (record.value() == null) {
                        return;
                    }
                    Rollup rollup;
                    try {
                        rollup = values.deserialize(record.topic(), record.value());
                    } catch (RuntimeException e) {
                        counts.deadLetters.incrementAndGet();
                        return;
                    }
                    if (rollup.resolution().equals(job.resolution())
                            && job.range().holds(rollup.windowStart(), rollup.windowEnd())) {
                        pacer.acquire();
                        counts.written(rollup);
                        sink.accept(rollup);
                    }
                }, stopped, job.giveUpAfter());
            } catch (TimeoutException e) {
                throw job.kafka().unreachable(e);
            }
            sink.flush();
            return counts.summary(sink.written(), sink.rejected(), progress.elapsedSeconds(), stopped.getAsBoolean());
        }
    }

    @Override
    public void close() {
        consumer.close();
    }
}
