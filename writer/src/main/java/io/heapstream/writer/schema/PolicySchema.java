package io.heapstream.writer.schema;

import static java.util.Objects.requireNonNull;

import io.heapstream.model.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * What both schemas share: a database and one retention policy per resolution, finest first and default. The
 * schemas differ only in how they name the policies.
 */
abstract class PolicySchema implements InfluxSchema {
    private final String database;
    private final NavigableMap<Duration, Duration> retention;

    PolicySchema(String database, Map<Duration, Duration> retentionByResolution) {
        this.database = requireNonNull(database, "database");
        if (retentionByResolution.isEmpty()) {
            throw new IllegalArgumentException("at least one resolution is needed");
        }
        this.retention = new TreeMap<>(retentionByResolution);
    }

    /** The name of a configured resolution's policy. */
    abstract String policyName(Duration resolution);

    /** {@code rp_1m}, {@code rp_1h}: the native name of a resolution's policy. */
    static String nativeName(Duration resolution) {
        return "rp_" + Topics.suffix(resolution);
    }

    final Duration finest() {
        return retention.firstKey();
    }

    @Override
    public final String database() {
        return database;
    }

    @Override
    public final String retentionPolicy(Duration resolution) {
        if (!retention.containsKey(resolution)) {
            throw new IllegalArgumentException("no retention policy for resolution " + Topics.suffix(resolution)
                    + "; configured: " + retention.keySet());
        }
        return policyName(resolution);
    }

    @Override
    public final List<RetentionPolicy> retentionPolicies() {
        var result = new ArrayList<RetentionPolicy>();
        retention.forEach((resolution, keep) ->
                result.add(new RetentionPolicy(policyName(resolution), keep, resolution.equals(finest()))));
        return List.copyOf(result);
    }
}
