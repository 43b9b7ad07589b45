package io.heapstream.api.metrics;

import io.heapstream.model.raw.RawScrape;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * The metrics API's state: per node, the two latest scrapes ({@link NodeState}), fed by one consumer thread and
 * read by any number of request threads. A node whose latest scrape is older than {@code maxAge} is no longer
 * served (it was deleted, or its collector is down): stale numbers would mislead the HPA more than none.
 */
public final class LatestScrapes {
    private final String cluster;
    private final long resolutionNanos;
    private final Duration maxAge;
    private final Clock clock;
    private final Map<String, NodeState> nodes = new ConcurrentHashMap<>();
    /** {@code namespace/name} to the key of the node whose latest scrape has the pod. */
    private final Map<String, String> podNodes = new ConcurrentHashMap<>();

    /**
     * @param cluster    the cluster served; {@code null} serves every cluster on the topic (one-cluster topics)
     * @param resolution the collectors' scrape interval (for metrics-server's fresh-container rule)
     */
    public LatestScrapes(String cluster, Duration resolution, Duration maxAge, Clock clock) {
        this.cluster = cluster;
        this.resolutionNanos = resolution.toNanos();
        this.maxAge = maxAge;
        this.clock = clock;
    }

    /** Takes a scrape from the raw topic; scrapes of other clusters are ignored. One thread calls this. */
    public void apply(RawScrape scrape) {
        if (cluster != null && !cluster.equals(scrape.cluster())) {
            return;
        }
        var key = scrape.key();
        var old = nodes.get(key);
        var next = NodeState.next(old, scrape, resolutionNanos);
        nodes.put(key, next);
        if (old != null) {
            for (var pod : old.pods) {
                podNodes.remove(pod.key(), key);
            }
        }
        for (var pod : next.pods) {
            podNodes.put(pod.key(), key);
        }
    }

    /** Nodes with a usage, by name. */
    public List<NodeUsage> nodes(Predicate<NodeUsage> filter) {
        var result = new ArrayList<NodeUsage>();
        for (var state : fresh()) {
            var usage = nodeUsage(state);
            if (usage != null && filter.test(usage)) {
                result.add(usage);
            }
        }
        result.sort(Comparator.comparing(NodeUsage::name));
        return result;
    }

    public Optional<NodeUsage> node(String name) {
        return nodes(n -> n.name().equals(name)).stream().findFirst();
    }

    /** Pods with a usage, by namespace then name; {@code namespace == null} for every namespace. */
    public List<PodUsage> pods(String namespace, Predicate<PodUsage> filter) {
        var result = new ArrayList<PodUsage>();
        for (var state : fresh()) {
            for (var pod : state.pods) {
                if (namespace == null || namespace.equals(pod.namespace)) {
                    var usage = PodUsage.of(pod);
                    if (usage != null && filter.test(usage)) {
                        result.add(usage);
                    }
                }
            }
        }
        result.sort(Comparator.comparing(PodUsage::namespace).thenComparing(PodUsage::name));
        return result;
    }

    public Optional<PodUsage> pod(String namespace, String name) {
        var key = namespace + "/" + name;
        var nodeKey = podNodes.get(key);
        var state = nodeKey == null ? null : nodes.get(nodeKey);
        if (state == null || !isFresh(state)) {
            return Optional.empty();
        }
        return state.pods.stream().filter(p -> p.key().equals(key)).findFirst().map(PodUsage::of);
    }

    /** Nodes held (fresh or not), for self-metrics and the benchmark. */
    public int nodeCount() {
        return nodes.size();
    }

    private List<NodeState> fresh() {
        return nodes.values().stream().filter(this::isFresh).toList();
    }

    private boolean isFresh(NodeState state) {
        long nowNanos = Points.nanos(clock.instant());
        return nowNanos - state.scrapeTimeNanos <= maxAge.toNanos();
    }

    private static NodeUsage nodeUsage(NodeState state) {
        var usage = state.points == null ? null : Points.usage(state.points, 0);
        return usage == null ? null : new NodeUsage(state.node, state.labels, usage);
    }

    /** A node's usage with what selectors match on. */
    public record NodeUsage(String name, Map<String, String> labels, Points.Usage usage) { }
}
