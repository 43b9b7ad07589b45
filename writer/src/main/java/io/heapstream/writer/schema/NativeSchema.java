package io.heapstream.writer.schema;

import static java.util.Objects.requireNonNull;

import io.heapstream.model.rollup.MetricStats;
import io.heapstream.model.rollup.Rollup;
import io.heapstream.model.rollup.RollupKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.influxdb.dto.Point;

/**
 * Heapstream's own schema: one measurement per level ({@code container}, {@code pod}, ..., {@code fleet}), the
 * key's tags ({@code cluster}, {@code namespace}, {@code workload}, {@code pod}, {@code container}, {@code node},
 * as the level has them), one field per metric and statistic ({@code cpu_usage_rate_avg},
 * {@code memory_working_set_max}, {@code uptime_count}), one retention policy per resolution ({@code rp_1m},
 * {@code rp_1h}). Per-resource metrics (filesystems, accelerators) get a point of their own per
 * {@code resource_id}, in the same measurement. A window is one point per series: few series, fast queries.
 */
public final class NativeSchema implements InfluxSchema {
    public static final String DEFAULT_DATABASE = "heapstream";

    private final String database;
    private final Retention retention;

    /**
     * @param database              e.g. {@link #DEFAULT_DATABASE}
     * @param retentionByResolution how long each resolution is kept, e.g. {@code 1m -> 7d, 1h -> 400d}
     */
    public NativeSchema(String database, Map<Duration, Duration> retentionByResolution) {
        this.database = requireNonNull(database, "database");
        this.retention = new Retention(retentionByResolution);
    }

    @Override
    public List<Point> points(Rollup rollup) {
        // Metrics without resource share the series' point; each resource gets its own (key "" = no resource).
        var builders = new LinkedHashMap<String, Point.Builder>();
        for (MetricStats metric : rollup.metrics()) {
            String resource = metric.resourceId() == null ? "" : metric.resourceId();
            var builder = builders.computeIfAbsent(resource, r -> newPoint(rollup, r));
            addStats(builder, fieldPrefix(metric.name()), metric);
        }
        var points = new ArrayList<Point>(builders.size());
        for (var builder : builders.values()) {
            if (builder.hasFields()) {
                points.add(builder.build());
            }
        }
        return points;
    }

    /** {@code cpu/usage_rate} becomes {@code cpu_usage_rate}; the statistic is appended with another '_'. */
    public static String fieldPrefix(String metricName) {
        return metricName.replace('/', '_');
    }

    @Override
    public String database() {
        return database;
    }

    @Override
    public String retentionPolicy(Duration resolution) {
        retention.requireKnown(resolution);
        return Retention.nativeName(resolution);
    }

    @Override
    public List<RetentionPolicy> retentionPolicies() {
        return retention.policies(Retention::nativeName);
    }

    @Override
    public String name() {
        return "native";
    }

    private static Point.Builder newPoint(Rollup rollup, String resource) {
        RollupKey key = rollup.key();
        var builder = Point.measurement(key.level().id())
                .time(rollup.windowStart().toEpochMilli(), TimeUnit.MILLISECONDS);
        tag(builder, "cluster", key.cluster());
        tag(builder, "namespace", key.namespace());
        tag(builder, "workload", key.workload());
        tag(builder, "pod", key.pod());
        tag(builder, "container", key.container());
        tag(builder, "node", key.node());
        tag(builder, "resource_id", resource);
        return builder;
    }

    private static void addStats(Point.Builder builder, String prefix, MetricStats metric) {
        boolean any = finite(builder, prefix + "_avg", metric.avg());
        any |= finite(builder, prefix + "_min", metric.min());
        any |= finite(builder, prefix + "_max", metric.max());
        any |= finite(builder, prefix + "_last", metric.last());
        // A count of nothing but NaNs would claim samples that cannot be read back: leave it out too.
        if (any) {
            builder.addField(prefix + "_count", metric.count());
        }
    }

    private static boolean finite(Point.Builder builder, String field, double value) {
        if (Double.isFinite(value)) {
            builder.addField(field, value);
            return true;
        }
        return false;
    }

    static void tag(Point.Builder builder, String tag, String value) {
        // An empty tag value is not a tag in line protocol (the fleet's cluster is ""): leave it out.
        if (value != null && !value.isEmpty()) {
            builder.tag(tag, value);
        }
    }
}
