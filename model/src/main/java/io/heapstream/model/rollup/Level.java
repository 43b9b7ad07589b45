package io.heapstream.model.rollup;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * A level of the space hierarchy. Written in JSON and in InfluxDB as its lower-case {@link #id()}.
 * Containers roll up to pods, pods to namespaces and to workloads; nodes to clusters, clusters to the fleet.
 */
public enum Level {
    CONTAINER, POD, NAMESPACE, WORKLOAD, NODE, SYS_CONTAINER, CLUSTER, FLEET;

    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static Level fromId(String id) {
        return valueOf(id.toUpperCase(Locale.ROOT));
    }
}
