package io.heapstream.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * InfluxDB's points against the expected ones: the same series, the same points, the same fields, every value
 * within a relative 1e-9 (sums taken in another order differ in the last bits). A failure lists what differs.
 */
public final class PointsAssert {
    static final double RELATIVE = 1e-9;
    /** Below this a difference is rounding of values that cancel out, whatever their size relative to zero. */
    static final double ABSOLUTE_FLOOR = 1e-9;
    private static final int SHOWN = 15;

    private PointsAssert() { }

    public static void assertSamePoints(List<InfluxPoint> actual, List<InfluxPoint> expected) {
        var problems = new ArrayList<String>();
        compareSets("series", set(actual, InfluxPoint::series), set(expected, InfluxPoint::series), problems);
        var actualById = byId(actual);
        var expectedById = byId(expected);
        compareSets("points", actualById.keySet(), expectedById.keySet(), problems);
        int differences = 0;
        for (var e : expectedById.entrySet()) {
            var a = actualById.get(e.getKey());
            if (a == null) {
                continue;
            }
            for (var diff : fieldDifferences(a.fields(), e.getValue().fields())) {
                if (differences++ < SHOWN) {
                    problems.add(e.getKey() + " " + diff);
                }
            }
        }
        if (differences > SHOWN) {
            problems.add("... and " + (differences - SHOWN) + " more field differences");
        }
        assertThat(problems).as("InfluxDB vs the reference (%d points expected, %d found; per measurement"
                        + " expected %s, found %s)", expected.size(), actual.size(), perMeasurement(expected),
                perMeasurement(actual)).isEmpty();
    }

    /** What differs between two points' fields: names missing or extra, values beyond the tolerance. */
    static List<String> fieldDifferences(Map<String, Double> actual, Map<String, Double> expected) {
        var out = new ArrayList<String>();
        for (var e : expected.entrySet()) {
            var a = actual.get(e.getKey());
            if (a == null) {
                out.add("field " + e.getKey() + " missing (expected " + e.getValue() + ")");
            } else if (!close(a, e.getValue())) {
                out.add("field " + e.getKey() + " = " + a + ", expected " + e.getValue());
            }
        }
        for (var name : actual.keySet()) {
            if (!expected.containsKey(name)) {
                out.add("field " + name + " = " + actual.get(name) + " not expected");
            }
        }
        return out;
    }

    static boolean close(double actual, double expected) {
        double diff = Math.abs(actual - expected);
        return diff <= ABSOLUTE_FLOOR || diff <= RELATIVE * Math.max(Math.abs(actual), Math.abs(expected));
    }

    private static void compareSets(String what, Collection<String> actual, Collection<String> expected,
                                    List<String> problems) {
        var missing = new TreeSet<>(expected);
        missing.removeAll(actual);
        var extra = new TreeSet<>(actual);
        extra.removeAll(expected);
        if (!missing.isEmpty()) {
            problems.add(missing.size() + " " + what + " missing, e.g. " + first(missing));
        }
        if (!extra.isEmpty()) {
            problems.add(extra.size() + " " + what + " not expected, e.g. " + first(extra));
        }
    }

    private static Map<String, InfluxPoint> byId(List<InfluxPoint> points) {
        var map = new TreeMap<String, InfluxPoint>();
        for (var p : points) {
            var previous = map.put(p.id(), p);
            assertThat(previous).as("two points with id " + p.id()).isNull();
        }
        return map;
    }

    private static TreeSet<String> set(List<InfluxPoint> points, Function<InfluxPoint, String> f) {
        return points.stream().map(f).collect(Collectors.toCollection(TreeSet::new));
    }

    private static String perMeasurement(List<InfluxPoint> points) {
        return new TreeMap<>(points.stream().collect(Collectors.groupingBy(
                p -> p.retentionPolicy() + "." + p.measurement(), Collectors.counting()))).toString();
    }

    private static String first(TreeSet<String> items) {
        return items.stream().limit(5).collect(Collectors.joining("; "));
    }
}
