package io.heapstream.app.replay;

import java.time.Duration;
import java.util.List;

/** Opens where a replay writes, once the range is known to be good: nothing is created before. */
@FunctionalInterface
public interface RollupSinks {
    /** @param resolutions the resolutions the replay writes */
    RollupSink open(List<Duration> resolutions) throws InterruptedException;
}
