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
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The metrics API's state: per node, the two latest scrapes ({@link NodeState}), fed by one consumer thread and
 * read by any number of request threads. A node whose latest scrape is older than {@code maxAge} is no longer
 * served (it was deleted, or its collector is down): stale numbers would mislead the HPA more than none.
 *
 * <p>Pods are also indexed by namespace and name, kept sorted as scrapes arrive, so that a list is a walk in the
 * order the API server's lists have (namespace, then name) with no sorting per request, a namespace is a
 * sub-range of it, and a single pod one lookup.
 */
public final class LatestScrapes {
    private final String cluster;
    private final long resolutionNanos;
    private final long maxAgeNanos;
    private final Clock clock;
    private final Map<String, NodeState> nodes = new ConcurrentHashMap<>();
    private final ConcurrentSkipListMap<PodName, PodState> pods = new ConcurrentSkipListMap<>();

    /**
     * @param cluster    the cluster served; {@code null} serves every cluster on the topic (one-cluster topics)
     * @param resolution the collectors' scrape interval (for metrics-server's fresh-container rule)
     */
    public LatestScrapes(String cluster, Duration resolution, Duration maxAge, Clock clock) {
        this.cluster = cluster;
        this.resolutionNanos = resolution.toNanos();
        this.maxAgeNanos = maxAge.toNanos();
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
        for (var pod : next.pods) {
            pods.put(new PodName(pod.namespace, pod.name), pod);
        }
        if (old != null) {
            for (var pod : old.pods) {
                pods.remove(new PodName(pod.namespace, pod.name), pod); // only if no newer scrape replaced it
            }
        }
    }

    /** Nodes with a usage, by name. */
    public List<NodeUsage> nodes(Predicate<NodeUsage> filter) {
        var result = new ArrayList<NodeUsage>();
        long now = nowNanos();
        for (var state : nodes.values()) {
            var usage = isFresh(state.scrapeTimeNanos, now) ? nodeUsage(state) : null;
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

    /**
     * Hands every served pod with a usage to {@code action}, by namespace then name; {@code namespace == null} for
     * every namespace. Nothing is collected: the caller writes each pod as it comes.
     */
    void forEachPod(String namespace, Predicate<PodState> filter, Consumer<PodUsage> action) {
        var range = namespace == null ? pods
                : pods.subMap(new PodName(namespace, ""), true, new PodName(namespace + "\0", ""), false);
        long now = nowNanos();
        for (var pod : range.values()) {
            if (isFresh(pod.scrapeTimeNanos, now) && filter.test(pod)) {
                var usage = PodUsage.of(pod);
                if (usage != null) {
                    action.accept(usage);
                }
            }
        }
    }

    public Optional<PodUsage> pod(String namespace, String name) {
        var pod = pods.get(new PodName(namespace, name));
        if (pod == null || !isFresh(pod.scrapeTimeNanos, nowNanos())) {
            return Optional.empty();
        }
        return Optional.ofNullable(PodUsage.of(pod));
    }

    /** Nodes held (fresh or not), for self-metrics and the benchmark. */
    public int nodeCount() {
        return nodes.size();
    }

    private long nowNanos() {
        return Points.nanos(clock.instant());
    }

    private boolean isFresh(long scrapeTimeNanos, long nowNanos) {
        return nowNanos - scrapeTimeNanos <= maxAgeNanos;
    }

    private static NodeUsage nodeUsage(NodeState state) {
        var usage = state.points == null ? null : Points.usage(state.points, 0);
        return usage == null ? null : new NodeUsage(state.node, state.labels, usage);
    }

    /** A node's usage with what selectors match on. */
    public record NodeUsage(String name, Map<String, String> labels, Points.Usage usage) { }

    /** The pod index's key: its strings are the pod state's own, so a key costs one small object. */
    private record PodName(String namespace, String name) implements Comparable<PodName> {
        @Override
        public int compareTo(PodName other) {
            int byNamespace = namespace.compareTo(other.namespace);
            return byNamespace != 0 ? byNamespace : name.compareTo(other.name);
        }
    }
}
