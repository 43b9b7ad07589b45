package io.heapstream.writer.schema;

import io.heapstream.model.rollup.MetricStats;
import io.heapstream.model.rollup.Rollup;
import io.heapstream.model.rollup.RollupKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Rollups for schema tests: one window [10:00, 10:01) of 2024-05-01, values chosen to read back exactly. */
final class Rollups {
    static final Instant START = Instant.parse("2024-05-01T10:00:00Z");
    static final Duration ONE_MINUTE = Duration.ofMinutes(1);
    static final Map<Duration, Duration> RETENTION = Map.of(ONE_MINUTE, Duration.ofDays(7), Duration.ofHours(1),
            Duration.ofDays(400));

    private Rollups() { }

    static Rollup rollup(RollupKey key, List<MetricStats> metrics) {
        return rollup(key, metrics, Map.of(), null);
    }

    static Rollup rollup(RollupKey key, List<MetricStats> metrics, Map<String, String> labels, String image) {
        return new Rollup(Rollup.SCHEMA_VERSION, key, ONE_MINUTE, START, START.plus(ONE_MINUTE), metrics, labels,
                image);
    }

    static MetricStats stats(String name, double avg) {
        return new MetricStats(name, null, 4, avg, avg - 1, avg + 1, avg + 0.5);
    }

    static MetricStats resource(String name, String resourceId, double avg) {
        return new MetricStats(name, resourceId, 4, avg, avg, avg, avg);
    }
}
