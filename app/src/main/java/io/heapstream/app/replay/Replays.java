package io.heapstream.app.replay;

import java.util.List;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A replay from start to end, in the order that keeps bad input from writing anything: the range is checked
 * against the clock (by the caller) and the topics, then InfluxDB is prepared, then the records are read.
 */
public final class Replays {
    private static final Logger LOG = LoggerFactory.getLogger(Replays.class);

    private Replays() { }

    public static ReplaySummary raw(RawReplay.RawReplayJob job, RollupSinks target, BooleanSupplier stopped,
                                    boolean terminal) throws InterruptedException {
        try (var replay = new RawReplay(job)) {
            replay.plan();
            LOG.info("replay raw range={} records={} (read from {} window before)", job.range(), replay.plannedRecords(),
                    job.rollup().window());
            try (var sink = target.open(job.rollup().resolutions())) {
                return replay.run(sink, stopped, terminal);
            }
        }
    }

    public static ReplaySummary rollups(RollupsReplay.RollupsReplayJob job, RollupSinks target,
                                        BooleanSupplier stopped, boolean terminal) throws InterruptedException {
        try (var replay = new RollupsReplay(job)) {
            replay.plan();
            LOG.info("replay rollups topic={} range={} records={}", job.topic(), job.range(), replay.plannedRecords());
            try (var sink = target.open(List.of(job.resolution()))) {
                return replay.run(sink, stopped, terminal);
            }
        }
    }
}
