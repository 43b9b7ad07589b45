package io.heapstream.api.model;

import io.heapstream.model.rollup.Level;
import io.heapstream.model.rollup.MetricStats;
import io.heapstream.model.rollup.Rollup;
import io.heapstream.model.rollup.RollupKey;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * The recent history Heapster's model kept (default 15 minutes), rebuilt from the base-resolution rollup topic:
 * per entity (cluster, node, free container, namespace, pod, pod container) and metric, one point per window
 * with the value the writer's Heapster schema writes — the window's mean, rounded, at the window's start. Pods
 * and containers are keyed without their node or workload, as Heapster's paths name them. Per-resource metrics
 * (filesystems, accelerators) are Heapster's labeled metrics: kept under their label {@code resource_id}, served
 * only to a query that names it ({@code ?labels=resource_id:/}), never listed, as in Heapster.
 */
public final class ModelStore {
    /** The one label of a rollup's labeled metrics, as the writer's schemas tag it. */
    static final String RESOURCE_ID = "resource_id";

    private final String cluster;
    private final long retentionMillis;
    private final Clock clock;
    private final Map<RollupKey, Series> series = new ConcurrentHashMap<>();
    private long applied;

    /** {@code cluster == null} keeps every cluster of the topic (a one-cluster topic). */
    public ModelStore(String cluster, Duration retention, Clock clock) {
        this.cluster = cluster;
        this.retentionMillis = retention.toMillis();
        this.clock = clock;
    }

    /** Takes one final rollup; called by one thread. */
    public void apply(RollupKey key, Rollup rollup) {
        if (rollup == null || cluster != null && !cluster.equals(rollup.key().cluster())) {
            return;
        }
        var entity = entity(rollup.key());
        if (entity == null) {
            return;
        }
        series.computeIfAbsent(entity, k -> new Series()).add(rollup.windowStart().toEpochMilli(),
                rollup.metrics(), retentionMillis);
        if (++applied % 10_000 == 0) {
            long oldest = clock.millis() - retentionMillis;
            series.values().removeIf(s -> s.latest() < oldest);
        }
    }

    /** The key Heapster's paths address an entity by; {@code null} for levels the model has not. */
    static RollupKey entity(RollupKey key) {
        return switch (key.level()) {
            case CLUSTER -> RollupKey.cluster("");
            case NODE -> RollupKey.node("", key.node());
            case SYS_CONTAINER -> RollupKey.sysContainer("", key.node(), key.container());
            case NAMESPACE -> RollupKey.namespace("", key.namespace());
            case POD -> RollupKey.pod("", key.namespace(), key.pod(), null, null);
            case CONTAINER -> RollupKey.container("", key.namespace(), key.pod(), key.container(), null, null);
            default -> null;
        };
    }

    /** A window's point value: its mean, rounded to Heapster's whole number, never below zero. */
    static long value(double avg) {
        return Math.max(0, Math.round(avg));
    }

    /** The oldest time (epoch ms) whose points the store is sure to hold: now minus the retention. */
    long heldSince() {
        return clock.millis() - retentionMillis;
    }

    Series get(RollupKey entity) {
        var found = series.get(entity);
        return found != null && found.latest() >= clock.millis() - retentionMillis ? found : null;
    }

    /** Names of a field of the held entities of {@code level} matching {@code filter}, sorted, each once. */
    List<String> names(Level level, Predicate<RollupKey> filter, java.util.function.Function<RollupKey, String> name) {
        var result = new TreeSet<String>();
        series.forEach((key, s) -> {
            if (key.level() == level && filter.test(key) && get(key) != null) {
                result.add(name.apply(key));
            }
        });
        return List.copyOf(result);
    }

    /**
     * The key a metric's points are kept under: its name, or for a labeled metric its name and labels. Heapster's
     * labeled metrics are matched on the whole label set, and a rollup's have one label, {@code resource_id}.
     */
    static String metricId(String name, Map<String, String> labels) {
        if (labels == null) {
            return name;
        }
        var resource = labels.size() == 1 ? labels.get(RESOURCE_ID) : null;
        return resource == null ? null : name + '\0' + resource;
    }

    /** One entity's points per metric, oldest first; the retention is applied per entity on each add. */
    static final class Series {
        private final Map<String, TreeMap<Long, Long>> metrics = new TreeMap<>();
        private volatile long latest = Long.MIN_VALUE;

        synchronized void add(long time, List<MetricStats> stats, long retentionMillis) {
            for (MetricStats m : stats) {
                if (Double.isFinite(m.avg())) {
                    var id = m.resourceId() == null ? m.name() : m.name() + '\0' + m.resourceId();
                    metrics.computeIfAbsent(id, n -> new TreeMap<>()).put(time, value(m.avg()));
                }
            }
            latest = Math.max(latest, time);
            long oldest = latest - retentionMillis;
            metrics.values().forEach(points -> points.headMap(oldest, false).clear());
            metrics.values().removeIf(TreeMap::isEmpty);
        }

        long latest() {
            return latest;
        }

        /** The names of its metrics without labels, as Heapster listed them. */
        synchronized List<String> metricNames() {
            return metrics.keySet().stream().filter(id -> id.indexOf('\0') < 0).toList();
        }

        /** {@code metric} is a {@link #metricId}. */
        synchronized boolean has(String metric) {
            return metrics.containsKey(metric);
        }

        /** Points of {@code metric} (a {@link #metricId}) with {@code start <= time <= end}, as Heapster's model selected them. */
        synchronized List<long[]> points(String metric, long start, long end) {
            var points = metrics.get(metric);
            var result = new ArrayList<long[]>();
            if (points != null && start <= end) {
                points.subMap(start, true, end, true).forEach((t, v) -> result.add(new long[] {t, v}));
            }
            return result;
        }
    }

    @Override
    public String toString() {
        return "ModelStore{cluster=" + Objects.requireNonNullElse(cluster, "(all)") + ", series=" + series.size() + "}";
    }
}
