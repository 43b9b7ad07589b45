package io.heapstream.app.replay;

import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * A replay from start to end, in the order that keeps bad input from writing anything: the range is checked
 * against the clock (by the caller) and the topics, then InfluxDB is prepared, then the records are read.
 */
public final class Replays {
    private Replays() { }

    public static ReplaySummary raw(RawReplay.RawReplayJob job, InfluxTarget target, BooleanSupplier stopped,
                                    boolean terminal) throws InterruptedException {
        try (var replay = new RawReplay(job)) {
            replay.plan();
            try (var sink = target.open(job.rollup().resolutions())) {
                return replay.run(sink, stopped, terminal);
            }
        }
    }

    public static ReplaySummary rollups(RollupsReplay.RollupsReplayJob job, InfluxTarget target,
                                        BooleanSupplier stopped, boolean terminal) throws InterruptedException {
        try (var replay = new RollupsReplay(job)) {
            replay.plan();
            try (var sink = target.open(List.of(job.resolution()))) {
                return replay.run(sink, stopped, terminal);
            }
        }
    }
}
