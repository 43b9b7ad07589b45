package io.heapstream.app.e2e;

import io.heapstream.aggregator.config.AggregatorConfig;
import io.heapstream.model.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The aggregator's settings for a run on the test's clock ({@link SteppedCollectors}): topics named after the
 * test, windows closing on the scrapes' own time (an idle timeout past the whole run), small caches.
 */
public final class SteppedAggregator {
    private SteppedAggregator() { }

    /** {@code coarser} empty for the base resolution only. */
    public static AggregatorConfig config(String bootstrap, String name, String raw, String rollupPrefix,
                                          Duration window, Duration grace, List<Duration> coarser, int rawPartitions,
                                          String stateDir) {
        // Past the whole run: windows close on the scrapes' own time, never on the wall clock's.
        return config(bootstrap, name, raw, rollupPrefix, window, grace, coarser, rawPartitions, stateDir,
                Duration.ofMinutes(5));
    }

    /** With the idle timeout of a run in real time. */
    public static AggregatorConfig config(String bootstrap, String name, String raw, String rollupPrefix,
                                          Duration window, Duration grace, List<Duration> coarser, int rawPartitions,
                                          String stateDir, Duration idleTimeout) {
        var resolutions = coarser.isEmpty() ? "none"
                : coarser.stream().map(Topics::suffix).collect(Collectors.joining(","));
        return AggregatorConfig.fromMap(Map.ofEntries(
                Map.entry("HEAPSTREAM_KAFKA_BOOTSTRAP", bootstrap),
                Map.entry("HEAPSTREAM_APPLICATION_ID", name + "-aggregator"),
                Map.entry("HEAPSTREAM_RAW_TOPIC", raw),
                Map.entry("HEAPSTREAM_ROLLUP_TOPIC_PREFIX", rollupPrefix),
                Map.entry("HEAPSTREAM_LATE_TOPIC", name + ".late"),
                Map.entry("HEAPSTREAM_DEAD_LETTER_TOPIC", name + ".dead-letter"),
                Map.entry("HEAPSTREAM_WINDOW", Topics.suffix(window)),
                Map.entry("HEAPSTREAM_GRACE", Topics.suffix(grace)),
                Map.entry("HEAPSTREAM_RESOLUTIONS", resolutions),
                Map.entry("HEAPSTREAM_IDLE_TIMEOUT", Topics.suffix(idleTimeout)),
                Map.entry("HEAPSTREAM_RAW_PARTITIONS", Integer.toString(rawPartitions)),
                Map.entry("HEAPSTREAM_STATE_DIR", stateDir),
                Map.entry("HEAPSTREAM_COMMIT_INTERVAL", "200ms"),
                Map.entry("HEAPSTREAM_CACHE_MAX_BYTES", "8Mi"),
                Map.entry("HEAPSTREAM_ROCKSDB_BLOCK_CACHE", "8Mi"),
                Map.entry("HEAPSTREAM_ROCKSDB_WRITE_BUFFER", "4Mi")));
    }
}
