package io.heapstream.testkit.reference;

import java.util.Map;

/** Heapster's node reservation and utilization, per slot, from a series' totals (node, cluster, fleet). */
final class ReferenceRatios {
    private ReferenceRatios() { }

    static void derive(Map<String, Double> v) {
        ratio(v, "cpu/node_reservation", "cpu/request", "cpu/node_allocatable");
        ratio(v, "cpu/node_utilization", "cpu/usage_rate", "cpu/node_allocatable");
        ratio(v, "memory/node_reservation", "memory/request", "memory/node_allocatable");
        ratio(v, "memory/node_utilization", "memory/usage", "memory/node_allocatable");
        ratio(v, "ephemeral_storage/node_reservation", "ephemeral_storage/request",
                "ephemeral_storage/node_allocatable");
        ratio(v, "ephemeral_storage/node_utilization", "ephemeral_storage/usage",
                "ephemeral_storage/node_allocatable");
    }

    private static void ratio(Map<String, Double> v, String name, String numerator, String denominator) {
        var n = v.get(numerator);
        var d = v.get(denominator);
        if (n != null && d != null && d != 0) {
            v.put(name, n / d);
        }
    }
}
