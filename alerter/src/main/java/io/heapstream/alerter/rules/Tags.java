package io.heapstream.alerter.rules;

import io.heapstream.model.rollup.Level;
import io.heapstream.model.rollup.RollupKey;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The tags of a series, named as in the rollup key's JSON: what selectors match and labels carry. */
public final class Tags {
    /** The tag of per-resource metrics (filesystems, accelerators), as Heapster named it. */
    public static final String RESOURCE_ID = "resource_id";

    private Tags() { }

    /** The tags a level's series have (docs/topics.md, {@link RollupKey}). */
    public static List<String> of(Level level) {
        return switch (level) {
            case CONTAINER -> List.of("cluster", "namespace", "workload", "pod", "container", "node");
            case POD -> List.of("cluster", "namespace", "workload", "pod", "node");
            case NAMESPACE -> List.of("cluster", "namespace");
            case WORKLOAD -> List.of("cluster", "namespace", "workload");
            case NODE -> List.of("cluster", "node");
            case SYS_CONTAINER -> List.of("cluster", "node", "container");
            case CLUSTER -> List.of("cluster");
            case FLEET -> List.of();
        };
    }

    /** The series' tags that are set, in a fixed order; the fleet's empty cluster is left out. */
    public static Map<String, String> of(RollupKey key) {
        var tags = new LinkedHashMap<String, String>();
        put(tags, "cluster", key.cluster());
        put(tags, "namespace", key.namespace());
        put(tags, "workload", key.workload());
        put(tags, "pod", key.pod());
        put(tags, "container", key.container());
        put(tags, "node", key.node());
        return tags;
    }

    private static void put(Map<String, String> tags, String name, String value) {
        if (value != null && !value.isEmpty()) {
            tags.put(name, value);
        }
    }
}
