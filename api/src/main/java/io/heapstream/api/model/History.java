package io.heapstream.api.model;

import io.heapstream.model.rollup.RollupKey;
import java.util.List;

/** Where the model API reads points older than the rollup topic's retention: InfluxDB, as the writer filled it. */
public interface History {
    /**
     * The most points one answer takes from the history: a week of one-minute windows (the writer's default
     * retention of {@code rp_1m}), so that an answer stays bounded however far back {@code start} is.
     */
    int MAX_POINTS = 10_080;

    /**
     * The points of one metric of one entity with {@code start <= time <= end} (epoch milliseconds), oldest first,
     * valued as {@link ModelStore} values them: at most {@link #MAX_POINTS} + 1, the newest, one more than
     * {@link #MAX_POINTS} meaning that the range holds more.
     *
     * @param entity a key as {@link ModelStore#entity} makes them (no cluster, node or workload of pods)
     * @param metric a {@link ModelStore#metricId}: the name, or name and resource of a labeled metric
     * @throws Unavailable when the history cannot be read; the message is one line fit for a log and a header
     */
    List<long[]> points(RollupKey entity, String metric, long start, long end);

    /** The history could not be read (down, unreachable, refused). */
    final class Unavailable extends RuntimeException {
        public Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
