package io.heapstream.model.rollup;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Identity of one series: the key of a record on a rollup topic. Only the fields that the level has are set,
 * the others are {@code null} (and left out of the JSON):
 * <ul>
 *   <li>container: cluster, namespace, pod, container, node (workload too when known)</li>
 *   <li>pod: cluster, namespace, pod, node (workload when known)</li>
 *   <li>namespace: cluster, namespace</li>
 *   <li>workload: cluster, namespace, workload (as {@code Kind/name})</li>
 *   <li>node: cluster, node; sys_container: cluster, node, container</li>
 *   <li>cluster: cluster; fleet: cluster is the empty string</li>
 * </ul>
 * The window is not part of the key: a series' records share a key, so a rollup topic can be compacted per
 * series and partitioning keeps a series in order.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RollupKey(Level level, String cluster, String namespace, String workload, String pod,
                        String container, String node) {
    public RollupKey {
        requireNonNull(level, "level");
        requireNonNull(cluster, "cluster");
    }

    public static RollupKey fleet() {
        return new RollupKey(Level.FLEET, "", null, null, null, null, null);
    }

    public static RollupKey cluster(String cluster) {
        return new RollupKey(Level.CLUSTER, cluster, null, null, null, null, null);
    }

    public static RollupKey node(String cluster, String node) {
        return new RollupKey(Level.NODE, cluster, null, null, null, null, node);
    }

    public static RollupKey sysContainer(String cluster, String node, String container) {
        return new RollupKey(Level.SYS_CONTAINER, cluster, null, null, null, container, node);
    }

    public static RollupKey namespace(String cluster, String namespace) {
        return new RollupKey(Level.NAMESPACE, cluster, namespace, null, null, null, null);
    }

    public static RollupKey workload(String cluster, String namespace, String workload) {
        return new RollupKey(Level.WORKLOAD, cluster, namespace, workload, null, null, null);
    }

    public static RollupKey pod(String cluster, String namespace, String pod, String node, String workload) {
        return new RollupKey(Level.POD, cluster, namespace, workload, pod, null, node);
    }

    public static RollupKey container(String cluster, String namespace, String pod, String container, String node,
                                      String workload) {
        return new RollupKey(Level.CONTAINER, cluster, namespace, workload, pod, container, node);
    }
}
