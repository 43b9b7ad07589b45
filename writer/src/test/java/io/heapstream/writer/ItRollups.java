package io.heapstream.writer;

import io.heapstream.model.rollup.MetricStats;
import io.heapstream.model.rollup.Rollup;
import io.heapstream.model.rollup.RollupKey;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Rollups for integration tests, in windows recent enough for every retention policy. */
final class ItRollups {
    static final Duration MINUTE = Duration.ofMinutes(1);
    static final Duration HOUR = Duration.ofHours(1);
    /** A window start an hour ago, on the hour: inside 7 days, valid for both resolutions. */
    static final Instant START = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(HOUR);

    private ItRollups() { }

    static Rollup rollup(RollupKey key, Duration resolution, Instant start, List<MetricStats> metrics) {
        return new Rollup(Rollup.SCHEMA_VERSION, key, resolution, start, start.plus(resolution), metrics, null, null);
    }

    static MetricStats stats(String name, double avg) {
        return new MetricStats(name, null, 4, avg, avg - 1, avg + 1, avg + 0.5);
    }

    /** {@code series} cluster rollups per minute for {@code minutes} minutes: one distinct point each. */
    static List<Rollup> clusterMinutes(String clusterPrefix, int series, Instant from, int minutes) {
        var rollups = new ArrayList<Rollup>();
        for (int minute = 0; minute < minutes; minute++) {
            for (int s = 0; s < series; s++) {
                rollups.add(rollup(RollupKey.cluster(clusterPrefix + s), MINUTE, from.plus(MINUTE.multipliedBy(minute)),
                        List.of(stats("cpu/usage_rate", 100 + s + minute))));
            }
        }
        return rollups;
    }

    static Rollup withLabels(Rollup rollup, Map<String, String> labels, String image) {
        return new Rollup(rollup.schemaVersion(), rollup.key(), rollup.resolution(), rollup.windowStart(),
                rollup.windowEnd(), rollup.metrics(), labels, image);
    }
}
