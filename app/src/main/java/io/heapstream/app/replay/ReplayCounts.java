package io.heapstream.app.replay;

import io.heapstream.aggregator.RollupEvents;
import io.heapstream.model.rollup.Rollup;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/** What a replay counts while it runs; read by the progress ticker, so every count is atomic. */
final class ReplayCounts implements RollupEvents {
    final AtomicLong read = new AtomicLong();
    final AtomicLong lateMerged = new AtomicLong();
    final AtomicLong lateSkipped = new AtomicLong();
    final AtomicLong rollups = new AtomicLong();
    final AtomicLong deadLetters = new AtomicLong();
    private final Set<Instant> windows = new HashSet<>();
    private final Duration base;

    ReplayCounts(Duration base) {
        this.base = base;
    }

    @Override
    public void late(String nodeKey, long slotMillis) {
        lateSkipped.incrementAndGet();
    }

    /** A rollup inside the range went out. */
    void written(Rollup rollup) {
        rollups.incrementAndGet();
        if (rollup.resolution().equals(base)) {
            windows.add(rollup.windowStart());
        }
    }

    ReplaySummary summary(long points, long rejected, double elapsedSeconds, boolean interrupted) {
        return new ReplaySummary(read.get(), lateMerged.get(), lateSkipped.get(), windows.size(), rollups.get(),
                points, rejected, deadLetters.get(), elapsedSeconds, interrupted);
    }
}
