package io.heapstream.aggregator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.heapstream.model.rollup.MetricStats;
import io.heapstream.model.rollup.Rollup;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Compares the topology's rollups with the reference's: same series and windows, once each, same numbers. */
final class RollupAssert {
    private RollupAssert() { }

    static String id(Rollup r) {
        return r.resolution() + " " + r.key() + " @" + r.windowStart();
    }

    static Map<String, Rollup> byId(List<Rollup> rollups) {
        var map = new LinkedHashMap<String, Rollup>();
        for (var r : rollups) {
            if (map.put(id(r), r) != null) {
                fail("more than one record for " + id(r));
            }
        }
        return map;
    }

    static void assertSameRollups(List<Rollup> actual, List<Rollup> expected) {
        var a = byId(actual);
        var e = byId(expected);
        assertThat(new TreeMap<>(a).keySet()).as("series and windows").containsExactlyElementsOf(
                new TreeMap<>(e).keySet());
        var problems = new ArrayList<String>();
        e.forEach((id, exp) -> compare(id, a.get(id), exp, problems));
        if (!problems.isEmpty()) {
            fail(problems.size() + " differences, first ones:\n" + String.join("\n",
                    problems.subList(0, Math.min(20, problems.size()))));
        }
    }

    private static void compare(String id, Rollup act, Rollup exp, List<String> problems) {
        if (!act.windowEnd().equals(exp.windowEnd()) || !act.labels().equals(exp.labels())
                || !java.util.Objects.equals(act.image(), exp.image())) {
            problems.add(id + ": metadata " + act.windowEnd() + act.labels() + act.image() + " vs "
                    + exp.windowEnd() + exp.labels() + exp.image());
        }
        var am = metrics(act);
        var em = metrics(exp);
        if (!am.keySet().equals(em.keySet())) {
            problems.add(id + ": metrics " + am.keySet() + " vs " + em.keySet());
            return;
        }
        em.forEach((name, m) -> {
            var x = am.get(name);
            if (x.count() != m.count() || !close(x.avg(), m.avg()) || !close(x.min(), m.min())
                    || !close(x.max(), m.max()) || !close(x.last(), m.last())) {
                problems.add(id + " " + name + ": " + x + " vs expected " + m);
            }
        });
    }

    private static Map<String, MetricStats> metrics(Rollup r) {
        var map = new TreeMap<String, MetricStats>();
        r.metrics().forEach(m -> map.put(m.name() + (m.resourceId() == null ? "" : "[" + m.resourceId() + "]"), m));
        return map;
    }

    static boolean close(double a, double b) {
        return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.max(Math.abs(a), Math.abs(b)));
    }
}
