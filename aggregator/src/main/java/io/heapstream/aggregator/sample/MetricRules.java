package io.heapstream.aggregator.sample;

import io.heapstream.model.MetricCatalogue;
import io.heapstream.model.MetricCatalogue.Kind;
import io.heapstream.model.MetricCatalogue.Metric;
import io.heapstream.model.MetricCatalogue.Sum;
import io.heapstream.model.rollup.MetricStats;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The catalogue's sums and ratios ({@link MetricCatalogue}) applied to metric ids, shaped for the per-sample
 * paths: the rules are read once from the catalogue, never restated here.
 */
public final class MetricRules {
    /** What a pod sums of its containers. */
    public static final Summed CONTAINER_TO_POD = new Summed(Sum.POD);
    /** What a node sums of its pods. */
    public static final Summed POD_TO_NODE = new Summed(Sum.NODE);
    /** What namespaces and workloads sum of their pods. */
    public static final Summed POD_TO_TOTAL = new Summed(Sum.NAMESPACE);
    /** What clusters and the fleet sum of their nodes. */
    public static final Summed NODE_TO_TOTAL = new Summed(Sum.CLUSTER);

    private static final Metric[] RATIOS = MetricCatalogue.all().stream()
            .filter(m -> m.kind() == Kind.RATIO).toArray(Metric[]::new);

    /** The cluster's pods-total ids of what namespaces sum, built once: they are added per pod and slot. */
    private static final Map<String, String> PODS_TOTAL_IDS = MetricCatalogue.all().stream()
            .filter(m -> m.sums().contains(Sum.NAMESPACE))
            .collect(Collectors.toUnmodifiableMap(Metric::name, m -> MetricValues.id(m.name(), MetricStats.PODS_TOTAL)));

    private MetricRules() { }

    /** The id of a pod metric in its cluster's pods total (resource {@link MetricStats#PODS_TOTAL}). */
    public static String podsTotalId(String id) {
        var known = PODS_TOTAL_IDS.get(id);
        return known != null ? known : MetricValues.id(id, MetricStats.PODS_TOTAL);
    }

    /** Heapster's reservation and utilization of a node (or of a cluster's totals), in place. */
    public static void deriveRatios(MetricValues v) {
        for (var ratio : RATIOS) {
            double n = v.get(ratio.source().name());
            double d = v.get(ratio.denominator().name());
            if (!Double.isNaN(n) && !Double.isNaN(d) && d != 0) {
                v.put(ratio.name(), n / d);
            }
        }
    }

    /**
     * The metric ids one level sums. Ids are nearly always the catalogue's own String instances ({@link MetricIds},
     * the extractor), so an identity scan answers first; a per-resource id ({@code name '\0' resource}) is
     * matched by its name without cutting it out; any other id falls back to the set.
     */
    public static final class Summed {
        private final String[] names;
        private final Set<String> set;
        private final String[] perResource;

        Summed(Sum sum) {
            List<Metric> summed = MetricCatalogue.all().stream().filter(m -> m.sums().contains(sum)).toList();
            this.names = summed.stream().filter(m -> !m.perResource()).map(Metric::name).toArray(String[]::new);
            this.set = Set.of(names);
            this.perResource = summed.stream().filter(Metric::perResource).map(Metric::name).toArray(String[]::new);
        }

        public boolean contains(String id) {
            for (var name : names) {
                if (name == id) {
                    return true;
                }
            }
            int end = id.indexOf('\0');
            if (end < 0) {
                return set.contains(id);
            }
            for (var name : perResource) {
                if (end == name.length() && id.startsWith(name)) {
                    return true;
                }
            }
            return false;
        }
    }
}
