package io.heapstream.aggregator;

import io.heapstream.model.rollup.Level;
import java.time.Duration;

/**
 * What the topology reports about itself (late and duplicate scrapes, windows emitted). The service counts
 * these with Micrometer; tests and the pure factory use {@link #NONE}. Called on stream threads: keep it cheap.
 */
public interface RollupEvents {
    RollupEvents NONE = new RollupEvents() { };

    /** A scrape arrived after its window closed; it went to the late topic, not into any window. */
    default void late(String nodeKey, long slotMillis) { }

    /** A scrape stamped beyond the wall clock plus the grace; it went to the late topic, reason {@code future}. */
    default void future(String nodeKey, long slotMillis) { }

    /** A second scrape of the same node and slot; ignored. */
    default void duplicate(String nodeKey, long slotMillis) { }

    /** A final rollup went out. */
    default void emitted(Level level, Duration resolution) { }
}
