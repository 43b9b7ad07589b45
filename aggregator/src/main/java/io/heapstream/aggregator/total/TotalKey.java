package io.heapstream.aggregator.total;

import io.heapstream.model.rollup.Level;
import io.heapstream.model.rollup.RollupKey;

/**
 * The internal string form of an aggregate series' key ({@code level|cluster|namespace|workload}) on the
 * totals repartition topic: compact, and its hash spreads namespaces and workloads over partitions.
 */
public final class TotalKey {
    private TotalKey() { }

    public static String namespace(String cluster, String namespace) {
        return "namespace|" + cluster + '|' + namespace + '|';
    }

    public static String workload(String cluster, String namespace, String workload) {
        return "workload|" + cluster + '|' + namespace + '|' + workload;
    }

    public static String cluster(String cluster) {
        return "cluster|" + cluster + "||";
    }

    public static String fleet() {
        return "fleet|||";
    }

    public static RollupKey toRollupKey(String key) {
        var parts = key.split("\\|", -1);
        var level = Level.fromId(parts[0]);
        return switch (level) {
            case NAMESPACE -> RollupKey.namespace(parts[1], parts[2]);
            case WORKLOAD -> RollupKey.workload(parts[1], parts[2], parts[3]);
            case CLUSTER -> RollupKey.cluster(parts[1]);
            case FLEET -> RollupKey.fleet();
            default -> throw new IllegalArgumentException("not an aggregate series: " + key);
        };
    }
}
