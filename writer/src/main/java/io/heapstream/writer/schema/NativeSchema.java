package io.heapstream.writer.schema;

import io.heapstream.model.MetricCatalogue;
import io.heapstream.model.rollup.MetricStats;
import io.heapstream.model.rollup.Rollup;
import io.heapstream.model.rollup.RollupKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
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
public final class NativeSchema extends PolicySchema {
    public static final String DEFAULT_DATABASE = "heapstream";
    /** Field names per catalogue metric: bounded by the catalogue, shared by all writer threads. */
    private static final Map<String, String[]> FIELD_NAMES = new ConcurrentHashMap<>();

    /** One field of a native point: a float statistic, or the integer count. */
    private record Field(String name, double value, long count, boolean isCount) { }

    /**
     * @param database              e.g. {@link #DEFAULT_DATABASE}
     * @param retentionByResolution how long each resolution is kept, e.g. {@code 1m -> 7d, 1h -> 400d}
     */
    public NativeSchema(String database, Map<Duration, Duration> retentionByResolution) {
        super(database, retentionByResolution);
    }

    @Override
    public List<Point> points(Rollup rollup) {
        var points = new ArrayList<Point>();
        fieldsByResource(rollup).forEach((resource, fields) -> {
            var builder = Point.measurement(rollup.key().level().id()).tag(tags(rollup.key(), resource))
                    .time(rollup.windowStart().toEpochMilli(), TimeUnit.MILLISECONDS);
            for (Field field : fields) {
                if (field.isCount()) {
                    builder.addField(field.name(), field.count());
                } else {
                    builder.addField(field.name(), field.value());
                }
            }
            points.add(builder.build());
        });
        return points;
    }

    @Override
    public List<String> lines(Rollup rollup) {
        var lines = new ArrayList<String>();
        String millis = Long.toString(rollup.windowStart().toEpochMilli());
        fieldsByResource(rollup).forEach((resource, fields) -> {
            var line = new StringBuilder(64 + 40 * fields.size());
            LineProtocol.measurement(line, rollup.key().level().id()).append(LineProtocol.tags(tags(rollup.key(),
                    resource)));
            char separator = ' ';
            for (Field field : fields) {
                LineProtocol.escape(line.append(separator), field.name()).append('=');
                if (field.isCount()) {
                    LineProtocol.appendInteger(line, field.count());
                } else {
                    LineProtocol.appendFloat(line, field.value());
                }
                separator = ',';
            }
            lines.add(line.append(' ').append(millis).toString());
        });
        return lines;
    }

    /** {@code cpu/usage_rate} becomes {@code cpu_usage_rate}; the statistic is appended with another '_'. */
    public static String fieldPrefix(String metricName) {
        return metricName.replace('/', '_');
    }

    @Override
    String policyName(Duration resolution) {
        return nativeName(resolution);
    }

    @Override
    public String name() {
        return "native";
    }

    /**
     * The fields of each point, sorted by name as Point sorts them (a metric listed twice: the later wins, as in
     * Point): metrics without resource share the series' point (resource ""), each resource gets its own.
     * Points without a field are left out.
     */
    private static Map<String, Collection<Field>> fieldsByResource(Rollup rollup) {
        var groups = new LinkedHashMap<String, Map<String, Field>>();
        for (MetricStats metric : rollup.metrics()) {
            String resource = metric.resourceId() == null ? "" : metric.resourceId();
            addFields(groups.computeIfAbsent(resource, r -> new TreeMap<>()), metric);
        }
        var result = new LinkedHashMap<String, Collection<Field>>();
        groups.forEach((resource, fields) -> {
            if (!fields.isEmpty()) {
                result.put(resource, fields.values());
            }
        });
        return result;
    }

    private static void addFields(Map<String, Field> fields, MetricStats metric) {
        String[] names = fieldNames(metric.name());
        boolean any = finite(fields, names[0], metric.avg());
        any |= finite(fields, names[1], metric.min());
        any |= finite(fields, names[2], metric.max());
        any |= finite(fields, names[3], metric.last());
        // A count of nothing but NaNs would claim samples that cannot be read back: leave it out too.
        if (any) {
            fields.put(names[4], new Field(names[4], 0, metric.count(), true));
        }
    }

    /** {@code _avg, _min, _max, _last, _count} field names of a metric; the catalogue's are computed once. */
    private static String[] fieldNames(String metric) {
        String[] names = FIELD_NAMES.get(metric);
        if (names != null) {
            return names;
        }
        String prefix = fieldPrefix(metric);
        names = new String[] {prefix + "_avg", prefix + "_min", prefix + "_max", prefix + "_last", prefix + "_count"};
        if (MetricCatalogue.byName(metric) != null) {
            FIELD_NAMES.putIfAbsent(metric, names);
        }
        return names;
    }

    private static boolean finite(Map<String, Field> fields, String name, double value) {
        if (Double.isFinite(value)) {
            fields.put(name, new Field(name, value, 0, false));
            return true;
        }
        return false;
    }

    /** The key's tags, sorted, and {@code resource_id} unless empty. */
    private static Map<String, String> tags(RollupKey key, String resource) {
        var tags = new TreeMap<String, String>();
        tag(tags, "cluster", key.cluster());
        tag(tags, "namespace", key.namespace());
        tag(tags, "workload", key.workload());
        tag(tags, "pod", key.pod());
        tag(tags, "container", key.container());
        tag(tags, "node", key.node());
        tag(tags, "resource_id", resource);
        return tags;
    }

    static void tag(Map<String, String> tags, String tag, String value) {
        // An empty tag value is not a tag in line protocol (the fleet's cluster is ""): leave it out.
        if (value != null && !value.isEmpty()) {
            tags.put(tag, value);
        }
    }
}
