package io.heapstream.aggregator.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.heapstream.aggregator.sample.MetricRules;
import io.heapstream.aggregator.sample.MetricValues;
import io.heapstream.aggregator.sample.Names;
import io.heapstream.aggregator.sample.SeriesSample;
import io.heapstream.aggregator.sample.SeriesSample.Kind;
import io.heapstream.aggregator.total.TotalKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class NodeWindowCloserTotalsTest {
    private static final long WINDOW = 1_767_225_600_000L;

    private record Sent(String key, long windowStart, TreeMap<Long, MetricValues> slots) { }

    private static SeriesSample pod(String namespace, String workload) {
        return new SeriesSample(Kind.POD, namespace, "p", null, workload, Map.of(), null, "s", new MetricValues(),
                List.of());
    }

    private static MetricValues values(Random random) {
        var v = new MetricValues();
        v.put(Names.UPTIME, 1.0);   // not summed
        if (random.nextBoolean()) {
            v.put(Names.MEMORY_USAGE, random.nextDouble() * 1e9);
        }
        v.put(Names.CPU_USAGE_RATE, random.nextDouble());   // fractions: the order of additions shows in the bits
        return v;
    }

    private static List<Sent> sent(TaskTotals totals) {
        var sent = new ArrayList<Sent>();
        totals.forEach((key, windowStart, slots) -> sent.add(new Sent(key, windowStart, slots)));
        return sent;
    }

    @Test
    void eachNodeIsSummedApartFirstAndThenAddedToTheTasksSumInNodeOrder() {
        var random = new Random(3);
        var totals = new TaskTotals();
        var expected = new MetricValues();
        for (int node = 0; node < 5; node++) {
            var nodeSum = new MetricValues();
            for (int pod = 0; pod < 7; pod++) {
                var v = values(random);
                totals.pod("c1", pod("team-a", null), v, WINDOW);
                nodeSum.add(Names.CPU_USAGE_RATE, v.get(Names.CPU_USAGE_RATE));
            }
            totals.endNodeWindow(WINDOW);
            expected.add(Names.CPU_USAGE_RATE, nodeSum.get(Names.CPU_USAGE_RATE));
        }
        var sent = sent(totals);
        assertThat(sent).extracting(Sent::key).containsExactly(TotalKey.cluster("c1"),
                TotalKey.namespace("c1", "team-a"));
        var podsTotal = MetricRules.podsTotalId(Names.CPU_USAGE_RATE);
        assertThat(Double.doubleToRawLongBits(sent.get(0).slots().get(WINDOW).get(podsTotal)))
                .isEqualTo(Double.doubleToRawLongBits(expected.get(Names.CPU_USAGE_RATE)));
        assertThat(Double.doubleToRawLongBits(sent.get(1).slots().get(WINDOW).get(Names.CPU_USAGE_RATE)))
                .isEqualTo(Double.doubleToRawLongBits(expected.get(Names.CPU_USAGE_RATE)));
        assertThat(sent.get(1).slots().get(WINDOW).has(Names.UPTIME)).isFalse();
    }

    @Test
    void seriesGoOutInKeyOrderWithTheirWindowsAndSlotsInTimeOrder() {
        var totals = new TaskTotals();
        var random = new Random(5);
        long later = WINDOW + 60_000;
        totals.pod("c1", pod("zeta", "Deployment/web"), values(random), later + 15_000);
        totals.pod("c1", pod("zeta", "Deployment/web"), values(random), later);
        totals.endNodeWindow(later);
        totals.pod("c1", pod("alpha", null), values(random), WINDOW);
        var node = new MetricValues();
        node.put(Names.CPU_NODE_CAPACITY, 4000.0);
        node.put(MetricValues.id(Names.FS_USAGE, "/dev/sda1"), 1e9);
        node.put(Names.UPTIME, 5.0);
        totals.node("c1", node, WINDOW);
        totals.endNodeWindow(WINDOW);
        totals.pod("c1", pod("zeta", null), values(random), WINDOW);
        totals.endNodeWindow(WINDOW);

        var sent = sent(totals);
        assertThat(sent).extracting(Sent::key).containsExactly(TotalKey.cluster("c1"), TotalKey.cluster("c1"),
                TotalKey.fleet(), TotalKey.namespace("c1", "alpha"), TotalKey.namespace("c1", "zeta"),
                TotalKey.namespace("c1", "zeta"), TotalKey.workload("c1", "zeta", "Deployment/web"));
        assertThat(sent).extracting(Sent::windowStart).containsExactly(WINDOW, later, WINDOW, WINDOW, WINDOW, later,
                later);
        assertThat(sent.get(5).slots().keySet()).containsExactly(later, later + 15_000);
        var cluster = sent.get(0).slots().get(WINDOW);
        assertThat(cluster.get(Names.CPU_NODE_CAPACITY)).as("the nodes' total").isEqualTo(4000.0);
        assertThat(cluster.has(MetricRules.podsTotalId(Names.CPU_USAGE_RATE))).as("the pods' total").isTrue();
        var fleet = sent.get(2).slots().get(WINDOW);
        assertThat(fleet.size()).isEqualTo(2);
        assertThat(fleet.get(Names.CPU_NODE_CAPACITY)).isEqualTo(4000.0);
        assertThat(fleet.get(MetricValues.id(Names.FS_USAGE, "/dev/sda1"))).isEqualTo(1e9);
    }

    @Test
    void aPodWithNothingToSumMakesNoSeries() {
        var totals = new TaskTotals();
        var v = new MetricValues();
        v.put(Names.UPTIME, 1.0);
        totals.pod("c1", pod("ns", "Deployment/web"), v, WINDOW);
        totals.node("c1", v, WINDOW);
        totals.endNodeWindow(WINDOW);
        assertThat(sent(totals)).isEmpty();
    }
}
