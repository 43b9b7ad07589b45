package io.heapstream.writer.schema;

import io.heapstream.model.MetricCatalogue;
import io.heapstream.model.MetricCatalogue.Kind;
import io.heapstream.model.MetricCatalogue.Metric;
import io.heapstream.model.MetricCatalogue.ValueType;
import io.heapstream.model.rollup.Level;
import io.heapstream.model.rollup.MetricStats;
import io.heapstream.model.rollup.Rollup;
import io.heapstream.model.rollup.RollupKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.influxdb.dto.Point;

/**
 * The schema Heapster's InfluxDB sink wrote, so that a Heapster Grafana datasource and its dashboards work
 * unchanged: database {@code k8s}, retention policy {@code default}, one measurement per metric name
 * ({@code cpu/usage_rate}), one field {@code value} holding the window's average (of a counter, its last
 * reading), and Heapster's tags:
 * {@code type} ({@code pod_container}, {@code pod}, {@code ns}, {@code node}, {@code sys_container},
 * {@code cluster}), {@code cluster_name}, {@code nodename}, {@code namespace_name}, {@code pod_name},
 * {@code container_name}, {@code container_base_image}, {@code labels}, {@code resource_id}. Heapster kept
 * {@code hostname}, {@code host_id}, {@code pod_id} and {@code namespace_id} out of InfluxDB; so does this.
 *
 * <p>Heapster had no workload or fleet level: their rollups give no points here. {@code value} has the type
 * Heapster gave it (the catalogue's {@link MetricCatalogue.Metric#valueType()}: integer for bytes, nanoseconds,
 * counts and {@code cpu/usage_rate}, float for the other rates and the node ratios), so the writer can share a
 * database with data Heapster wrote without field type conflicts. What Heapster's own output for the shared
 * captures decided (resource ids, the cluster as its pods' sum, truncated CPU rates) is in docs/influxdb-schema.md,
 * "decisions". Coarser resolutions than the finest go to their own policy ({@code rp_1h}), so that two
 * resolutions never overwrite each other's points at the same timestamp.
 */
public final class HeapsterSchema extends PolicySchema {
    public static final String DEFAULT_DATABASE = "k8s";
    public static final String DEFAULT_POLICY = "default";

    /** Heapster reported the kubelet's system containers under their legacy names. */
    private static final Map<String, String> LEGACY_SYSTEM_CONTAINERS = Map.of("runtime", "docker-daemon",
            "misc", "system");

    /** What Heapster summed into namespaces and the cluster; nothing else of theirs is written. */
    private static final Set<String> HEAPSTER_TOTALS = Stream.of(MetricCatalogue.CPU_USAGE_RATE,
            MetricCatalogue.MEMORY_USAGE, MetricCatalogue.CPU_REQUEST, MetricCatalogue.CPU_LIMIT,
            MetricCatalogue.MEMORY_REQUEST, MetricCatalogue.MEMORY_LIMIT).map(Metric::name)
            .collect(Collectors.toUnmodifiableSet());
    private static final String CPU_UTILIZATION = MetricCatalogue.CPU_NODE_UTILIZATION.name();
    /** The node's image filesystem, which Heapster did not write. */
    private static final String IMAGE_FS = "imagefs";

    private final boolean labelsTag;
    private final boolean imageTag;

    /**
     * @param database              e.g. {@link #DEFAULT_DATABASE}
     * @param retentionByResolution how long each resolution is kept; the finest goes to policy {@code default}
     * @param labelsTag             write pod labels as the {@code labels} tag (one series per label set)
     * @param imageTag              write {@code container_base_image} (one series per image version)
     */
    public HeapsterSchema(String database, Map<Duration, Duration> retentionByResolution, boolean labelsTag,
                          boolean imageTag) {
        super(database, retentionByResolution);
        this.labelsTag = labelsTag;
        this.imageTag = imageTag;
    }

    @Override
    public List<Point> points(Rollup rollup) {
        String type = type(rollup.key().level());
        if (type == null) {
            return List.of();
        }
        Map<String, String> tags = tags(rollup, type);
        long millis = rollup.windowStart().toEpochMilli();
        var points = new ArrayList<Point>(rollup.metrics().size());
        for (MetricStats metric : rollup.metrics()) {
            String resource = resourceId(rollup.key().level(), metric);
            double value = value(rollup, metric);
            if (resource == null || !Double.isFinite(value)) {
                continue;
            }
            var builder = Point.measurement(metric.name()).time(millis, TimeUnit.MILLISECONDS)
                    .tag(withResource(tags, resource));
            if (isInteger(metric.name())) {
                builder.addField("value", integer(metric.name(), value));
            } else {
                builder.addField("value", value);
            }
            points.add(builder.build());
        }
        return points;
    }

    @Override
    public List<String> lines(Rollup rollup) {
        String type = type(rollup.key().level());
        if (type == null) {
            return List.of();
        }
        Map<String, String> tags = tags(rollup, type);
        // The rollup's points share their tags (but for resource_id): escape them once per rollup and resource.
        var tagsByResource = new HashMap<String, String>();
        String millis = Long.toString(rollup.windowStart().toEpochMilli());
        var lines = new ArrayList<String>(rollup.metrics().size());
        for (MetricStats metric : rollup.metrics()) {
            String resource = resourceId(rollup.key().level(), metric);
            double value = value(rollup, metric);
            if (resource == null || !Double.isFinite(value)) {
                continue;
            }
            String tagText = tagsByResource.computeIfAbsent(resource,
                    r -> LineProtocol.tags(withResource(tags, r)));
            var line = new StringBuilder(tagText.length() + 64);
            LineProtocol.measurement(line, metric.name()).append(tagText);
            line.append(" value=");
            if (isInteger(metric.name())) {
                LineProtocol.appendInteger(line, integer(metric.name(), value));
            } else {
                LineProtocol.appendFloat(line, value);
            }
            lines.add(line.append(' ').append(millis).toString());
        }
        return lines;
    }

    /** Heapster's {@code type} tag of a level, or {@code null} for the levels Heapster did not have. */
    public static String type(Level level) {
        return switch (level) {
            case CONTAINER -> "pod_container";
            case POD -> "pod";
            case NAMESPACE -> "ns";
            case NODE -> "node";
            case SYS_CONTAINER -> "sys_container";
            case CLUSTER -> "cluster";
            case WORKLOAD, FLEET -> null;
        };
    }

    /**
     * Labels as Heapster's {@code labels} tag: {@code key:value} pairs sorted by key (not by the pair: {@code app}
     * comes before {@code app.kubernetes.io/name}), joined by commas, unescaped.
     */
    public static String labels(Map<String, String> labels) {
        return new TreeMap<>(labels).entrySet().stream()
                .map(e -> e.getKey() + ":" + e.getValue())
                .collect(Collectors.joining(","));
    }

    /**
     * The {@code resource_id} Heapster gave a metric of this level ("" for none), or {@code null} where Heapster
     * wrote no such series: the node's image filesystem; of a namespace and the cluster anything but Heapster's six
     * totals, and of the cluster the nodes' totals (Heapster's cluster is the sum of its pods, which the cluster
     * rollup carries as resource {@link MetricStats#PODS_TOTAL}).
     */
    static String resourceId(Level level, MetricStats metric) {
        String resource = metric.resourceId() == null ? "" : metric.resourceId();
        return switch (level) {
            case NAMESPACE -> resource.isEmpty() && HEAPSTER_TOTALS.contains(metric.name()) ? "" : null;
            case CLUSTER -> resource.equals(MetricStats.PODS_TOTAL) && HEAPSTER_TOTALS.contains(metric.name())
                    ? "" : null;
            case NODE -> resource.equals(IMAGE_FS) ? null : resource;
            default -> resource;
        };
    }

    /**
     * The value Heapster wrote for a window of one point: a counter's reading (the window's last, so that
     * {@code derivative()} keeps working), else the average.
     */
    static double value(Rollup rollup, MetricStats metric) {
        if (metric.name().equals(CPU_UTILIZATION) && metric.resourceId() == null) {
            return cpuUtilization(rollup, metric);
        }
        var known = MetricCatalogue.byName(metric.name());
        return known != null && known.kind() == Kind.CUMULATIVE ? metric.last() : metric.avg();
    }

    /** Heapster divided its truncated CPU rate (677 of 677.7 millicores) by the allocatable CPU. */
    private static double cpuUtilization(Rollup rollup, MetricStats utilization) {
        var rate = rollup.metric(MetricCatalogue.CPU_USAGE_RATE.name());
        var allocatable = rollup.metric(MetricCatalogue.CPU_NODE_ALLOCATABLE.name());
        if (rate == null || allocatable == null || allocatable.avg() == 0) {
            return utilization.avg();
        }
        return Math.floor(rate.avg()) / allocatable.avg();
    }

    /** Heapster truncated its only integer rate, CPU, to whole millicores; other integers are rounded. */
    static long integer(String metricName, double value) {
        return metricName.equals(MetricCatalogue.CPU_USAGE_RATE.name()) ? (long) Math.floor(value)
                : Math.round(value);
    }

    /** The catalogue says which type Heapster gave a metric; a metric it does not know is a float. */
    static boolean isInteger(String metricName) {
        var metric = MetricCatalogue.byName(metricName);
        return metric != null && metric.valueType() == ValueType.INTEGER;
    }

    @Override
    public String name() {
        return "heapster";
    }

    @Override
    String policyName(Duration resolution) {
        return resolution.equals(finest()) ? DEFAULT_POLICY : nativeName(resolution);
    }

    private Map<String, String> tags(Rollup rollup, String type) {
        RollupKey key = rollup.key();
        var tags = new TreeMap<String, String>();
        put(tags, "type", type);
        put(tags, "cluster_name", key.cluster());
        put(tags, "nodename", key.node());
        put(tags, "namespace_name", key.namespace());
        put(tags, "pod_name", key.pod());
        String container = key.container();
        if (key.level() == Level.SYS_CONTAINER && container != null) {
            container = LEGACY_SYSTEM_CONTAINERS.getOrDefault(container, container);
        }
        put(tags, "container_name", container);
        if (imageTag && key.level() == Level.CONTAINER) {
            put(tags, "container_base_image", rollup.image());
        }
        if (labelsTag && (key.level() == Level.CONTAINER || key.level() == Level.POD || key.level() == Level.NODE)) {
            put(tags, "labels", labels(rollup.labels()));
        }
        return tags;
    }

    private static Map<String, String> withResource(Map<String, String> tags, String resource) {
        if (resource.isEmpty()) {
            return tags;
        }
        var withResource = new TreeMap<>(tags);
        withResource.put("resource_id", resource);
        return withResource;
    }

    private static void put(Map<String, String> tags, String tag, String value) {
        // Heapster left empty values out, as NativeSchema does.
        NativeSchema.tag(tags, tag, value);
    }
}
