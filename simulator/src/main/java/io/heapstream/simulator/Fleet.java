package io.heapstream.simulator;

import io.heapstream.model.raw.RawScrape;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A deterministic simulated fleet: clusters of nodes running pods of Deployments (through ReplicaSets),
 * StatefulSets, DaemonSets, CronJobs, Jobs and a few bare pods, with realistic, evolving kubelet numbers.
 *
 * <p>Time moves on the scrape grid. Each node steps one slot at a time from {@link #start()} with its own
 * generator, so a node's state at a slot depends only on the spec, the start and the slot: the same seed and
 * start give byte-identical output whatever order nodes are asked in and however many threads ask. Asking for
 * a slot before a node's current one gives its current state (time never goes back). Advancing costs one step
 * per slot per container, so jump ahead by hours only on small fleets.
 *
 * <p>Thread-safe: each node has its own lock.
 */
public final class Fleet {
    private final FleetSpec spec;
    private final Instant start;
    private final List<String> clusters;
    private final Map<String, List<String>> nodeNames = new LinkedHashMap<>();
    private final Map<String, SimNode> byKey = new HashMap<>();
    private final SimNode[] nodes;
    private final List<NodeRef> refs;

    /** A fleet whose first state is at the grid slot of {@code start}. */
    public Fleet(FleetSpec spec, Instant start) {
        this.spec = spec;
        this.start = spec.slotOf(start);
        var all = new ArrayList<SimNode>(spec.nodeCount());
        var clusterNames = new ArrayList<String>();
        for (int ci = 1; ci <= spec.clusters(); ci++) {
            var cluster = "cluster-" + ci;
            clusterNames.add(cluster);
            var names = new ArrayList<String>();
            var plan = ClusterPlan.of(spec, cluster);
            for (int ni = 1; ni <= spec.nodesPerCluster(); ni++) {
                var name = Names.numbered("node-", ni, spec.nodesPerCluster());
                var node = new SimNode(spec, cluster, ci, name, ni, plan.workloads(ni), plan.fixedNames(ni),
                        SimRandom.of(spec.seed(), cluster + "/" + name), this.start);
                names.add(name);
                all.add(node);
                byKey.put(RawScrape.key(cluster, name), node);
            }
            nodeNames.put(cluster, List.copyOf(names));
        }
        this.clusters = List.copyOf(clusterNames);
        this.nodes = all.toArray(new SimNode[0]);
        this.refs = all.stream().map(n -> new NodeRef(n.cluster, n.name)).toList();
    }

    public FleetSpec spec() {
        return spec;
    }

    /** The first slot: every node's state before any advance. */
    public Instant start() {
        return start;
    }

    /** {@code cluster-1}, {@code cluster-2}, ... */
    public List<String> clusters() {
        return clusters;
    }

    /** The node names of a cluster, in order. */
    public List<String> nodes(String cluster) {
        var names = nodeNames.get(cluster);
        if (names == null) {
            throw new IllegalArgumentException("no cluster " + cluster + " in this fleet (" + clusters + ")");
        }
        return names;
    }

    /** Whether the fleet has this node. */
    public boolean hasNode(String cluster, String node) {
        return byKey.containsKey(RawScrape.key(cluster, node));
    }

    /** Every node of every cluster, clusters in order, nodes in order. */
    public List<NodeRef> nodeRefs() {
        return refs;
    }

    /** Moves every node forward to the grid slot of {@code instant} (in parallel on big fleets). */
    public void advanceTo(Instant instant) {
        var slot = spec.slotOf(instant);
        parallel().forEach(n -> n.advanceTo(slot));
    }

    /** The slot a node is at now. */
    public Instant slot(String cluster, String node) {
        var n = node(cluster, node);
        synchronized (n) {
            return n.slot;
        }
    }

    /** The kubelet's {@code /stats/summary} body of a node at the grid slot of {@code instant}. */
    public String summaryJson(String cluster, String node, Instant instant) {
        var n = node(cluster, node);
        synchronized (n) {
            n.advanceTo(spec.slotOf(instant));
            return SummaryJsonWriter.write(ScrapeBuilder.build(n, false), processes(n));
        }
    }

    /** The kubelet's {@code /pods} body (a PodList) of a node at the grid slot of {@code instant}. */
    public String podsJson(String cluster, String node, Instant instant) {
        var n = node(cluster, node);
        synchronized (n) {
            n.advanceTo(spec.slotOf(instant));
            return KubeObjectJsonWriter.podList(n);
        }
    }

    /** The node's Node object as the API server would return it (capacity, allocatable, labels, addresses). */
    public String nodeJson(String cluster, String node) {
        return KubeObjectJsonWriter.node(node(cluster, node));
    }

    /** What a collector with metadata enrichment would publish for this node and slot (PodMeta, NodeMeta set). */
    public RawScrape scrape(String cluster, String node, Instant instant) {
        var n = node(cluster, node);
        synchronized (n) {
            n.advanceTo(spec.slotOf(instant));
            return ScrapeBuilder.build(n, true);
        }
    }

    /** One scrape per node at the grid slot of {@code instant}, in {@link #nodeRefs()} order. */
    public List<RawScrape> scrapes(Instant instant) {
        var slot = spec.slotOf(instant);
        return parallel().map(n -> {
            synchronized (n) {
                n.advanceTo(slot);
                return ScrapeBuilder.build(n, true);
            }
        }).toList();
    }

    /** Like {@link #scrapes(Instant)} but one at a time on the calling thread, without holding them all. */
    public void forEachScrape(Instant instant, Consumer<RawScrape> sink) {
        var slot = spec.slotOf(instant);
        for (var n : nodes) {
            RawScrape scrape;
            synchronized (n) {
                n.advanceTo(slot);
                scrape = ScrapeBuilder.build(n, true);
            }
            sink.accept(scrape);
        }
    }

    private SimNode node(String cluster, String node) {
        var n = byKey.get(RawScrape.key(cluster, node));
        if (n == null) {
            throw new IllegalArgumentException("no node " + RawScrape.key(cluster, node) + " in this fleet");
        }
        return n;
    }

    private java.util.stream.Stream<SimNode> parallel() {
        var stream = Arrays.stream(nodes);
        return nodes.length >= 64 ? stream.parallel() : stream;
    }

    private static long processes(SimNode n) {
        return 180 + 12L * n.pods.length * n.pods[0].containers.length;
    }
}
