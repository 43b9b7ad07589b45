package io.heapstream.simulator;

import io.heapstream.simulator.Workload.Kind;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which workload runs in each pod slot of each node of a cluster, decided once at creation: DaemonSets first
 * on every node, then each workload of the catalogue once (node by node), then random replicas. StatefulSet
 * pods get their ordinal names here, since ordinals are counted across the cluster.
 */
final class ClusterPlan {
    private final List<List<Workload>> workloads;
    private final List<List<String>> fixedNames;

    private ClusterPlan(List<List<Workload>> workloads, List<List<String>> fixedNames) {
        this.workloads = workloads;
        this.fixedNames = fixedNames;
    }

    static ClusterPlan of(FleetSpec spec, String cluster) {
        var random = SimRandom.of(spec.seed(), cluster);
        int perNode = spec.podsPerNode();
        int daemonSets = perNode >= 10 ? 3 : perNode >= 4 ? 2 : 1;
        int appSlots = spec.nodesPerCluster() * (perNode - daemonSets);
        var catalogue = new WorkloadCatalogue(random, perNode, spec.containersPerPod(), appSlots);
        var ordinals = new HashMap<Workload, Integer>();
        var workloads = new ArrayList<List<Workload>>();
        var names = new ArrayList<List<String>>();
        int next = 0;
        for (int node = 0; node < spec.nodesPerCluster(); node++) {
            var slots = new ArrayList<Workload>(perNode);
            var fixed = new ArrayList<String>(perNode);
            for (int i = 0; i < perNode; i++) {
                Workload w = i < catalogue.daemonSets.size() ? catalogue.daemonSets.get(i)
                        : next < catalogue.apps.size() ? catalogue.apps.get(next++)
                        : catalogue.pickForExtraSlot(random);
                slots.add(w);
                fixed.add(w.kind() == Kind.STATEFUL_SET ? w.name() + "-" + ordinal(ordinals, w) : null);
            }
            workloads.add(List.copyOf(slots));
            names.add(Collections.unmodifiableList(fixed));
        }
        return new ClusterPlan(workloads, names);
    }

    /** The workloads of node {@code number} (1-based), one per pod slot. */
    List<Workload> workloads(int number) {
        return workloads.get(number - 1);
    }

    /** StatefulSet pod names per slot ({@code null} for other kinds). */
    List<String> fixedNames(int number) {
        return fixedNames.get(number - 1);
    }

    private static int ordinal(Map<Workload, Integer> ordinals, Workload w) {
        return ordinals.merge(w, 1, Integer::sum) - 1;
    }
}
