package io.heapstream.app.e2e;

import io.heapstream.model.Topics;
import io.heapstream.model.rollup.MetricStats;
import io.heapstream.model.rollup.Rollup;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * The native InfluxDB schema as the contract states it (docs/influxdb-schema.md), applied to reference rollups
 * here rather than through the writer's own code: retention policy {@code rp_<resolution>}, measurement = level,
 * the key's tags plus {@code resource_id} for per-resource metrics (each resource its own point), fields
 * {@code <metric with '/' as '_'>_<avg|min|max|last|count>} (non-finite statistics left out, and the count with
 * them when none is left), time = window start.
 */
public final class ExpectedPoints {
    private ExpectedPoints() { }

    public static List<InfluxPoint> of(List<Rollup> rollups) {
        var points = new ArrayList<InfluxPoint>();
        for (var rollup : rollups) {
            var byResource = new LinkedHashMap<String, HashMap<String, Double>>();
            for (MetricStats m : rollup.metrics()) {
                var fields = byResource.computeIfAbsent(m.resourceId() == null ? "" : m.resourceId(),
                        r -> new HashMap<>());
                var prefix = m.name().replace('/', '_') + "_";
                boolean any = false;
                any |= finite(fields, prefix + "avg", m.avg());
                any |= finite(fields, prefix + "min", m.min());
                any |= finite(fields, prefix + "max", m.max());
                any |= finite(fields, prefix + "last", m.last());
                if (any) {
                    fields.put(prefix + "count", (double) m.count());
                }
            }
            var key = rollup.key();
            byResource.forEach((resource, fields) -> {
                if (fields.isEmpty()) {
                    return;
                }
                var tags = new HashMap<String, String>();
                tag(tags, "cluster", key.cluster());
                tag(tags, "namespace", key.namespace());
                tag(tags, "workload", key.workload());
                tag(tags, "pod", key.pod());
                tag(tags, "container", key.container());
                tag(tags, "node", key.node());
                tag(tags, "resource_id", resource);
                points.add(new InfluxPoint("rp_" + Topics.suffix(rollup.resolution()), key.level().id(), tags,
                        rollup.windowStart().toEpochMilli(), fields));
            });
        }
        return points;
    }

    private static boolean finite(HashMap<String, Double> fields, String name, double value) {
        if (Double.isFinite(value)) {
            fields.put(name, value);
            return true;
        }
        return false;
    }

    private static void tag(HashMap<String, String> tags, String name, String value) {
        if (value != null && !value.isEmpty()) {
            tags.put(name, value);
        }
    }
}
