package io.heapstream.app.heapster;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How one series differs from Heapster's: {@code missing} (Heapster wrote it, we do not), {@code extra} (we
 * write it, Heapster did not), {@code tag:<key>} (we write it with another value of that one tag, or without
 * it), {@code type} (the field type differs) or {@code value} (mean, min, max or, for a counter, the increase
 * per second out of tolerance). Grouped by kind, measurement and {@code type} tag into
 * the lines of the known-differences list.
 */
record Difference(String kind, String measurement, String type, String series, String detail) {
    static final List<String> KINDS = List.of("missing", "extra", "type", "value", "tag:labels", "tag:resource_id",
            "tag:container_base_image");

    /** What the list's line for this difference would be keyed by. */
    String group() {
        return kind + "\t" + measurement + "\t" + type;
    }

    /**
     * Every difference between Heapster's series and ours. Tolerances: integer fields 1 (a millicore, a byte,
     * Heapster truncates where we round), floats 1e-6 relative; counters by their increase per second within
     * 1e-3 relative, because Heapster stamped its points on the 15 s grid while the kubelets' counters
     * advanced with the request time (its {@code uptime} per second spreads 999.90-1000.20).
     */
    static List<Difference> between(Map<String, SeriesSummary> reference, Map<String, SeriesSummary> ours) {
        var differences = new ArrayList<Difference>();
        var extra = new LinkedHashMap<String, SeriesSummary>(ours);
        var missing = new ArrayList<SeriesSummary>();
        reference.forEach((key, ref) -> {
            var our = extra.remove(key);
            if (our == null) {
                missing.add(ref);
            } else {
                compare(ref, our, differences);
            }
        });
        // Our series that is Heapster's but for one tag's value (or its absence), when exactly one is: a
        // spelling difference, not one series missing and another extra.
        for (String tag : PAIRED_TAGS) {
            var byRest = new HashMap<String, List<SeriesSummary>>();
            extra.values().forEach(our -> byRest.computeIfAbsent(our.measurement() + " " + without(our.tags(), tag),
                    k -> new ArrayList<>()).add(our));
            for (var it = missing.iterator(); it.hasNext(); ) {
                var ref = it.next();
                var candidates = byRest.getOrDefault(ref.measurement() + " " + without(ref.tags(), tag), List.of())
                        .stream().filter(our -> extra.containsKey(our.key())).toList();
                if (candidates.size() == 1) {
                    var our = extra.remove(candidates.get(0).key());
                    it.remove();
                    differences.add(new Difference("tag:" + tag, ref.measurement(), ref.type(), ref.tags(),
                            "ours " + our.tags()));
                    compare(ref, our, differences);
                }
            }
        }
        missing.forEach(ref -> differences.add(new Difference("missing", ref.measurement(), ref.type(), ref.tags(),
                "")));
        extra.values().forEach(our -> differences.add(new Difference("extra", our.measurement(), our.type(),
                our.tags(), "mean " + our.mean())));
        return differences;
    }

    /** Tags whose spelling may differ while the series is the same one, in the order they are tried. */
    static final List<String> PAIRED_TAGS = List.of("labels", "resource_id", "container_base_image");

    private static String without(String tags, String key) {
        return java.util.Arrays.stream(tags.split(";")).filter(t -> !t.startsWith(key + "="))
                .collect(java.util.stream.Collectors.joining(";"));
    }

    private static void compare(SeriesSummary ref, SeriesSummary our, List<Difference> differences) {
        if (!our.fieldType().equals(ref.fieldType())) {
            differences.add(new Difference("type", ref.measurement(), ref.type(), ref.tags(),
                    "ours " + our.fieldType() + ", Heapster's " + ref.fieldType()));
            return;
        }
        String detail = valueDetail(ref, our);
        if (detail != null) {
            differences.add(new Difference("value", ref.measurement(), ref.type(), ref.tags(), detail));
        }
    }

    /** The compact report: per measurement, how many series differ in each way. */
    static String countsPerMeasurement(List<Difference> differences) {
        var counts = new java.util.TreeMap<String, int[]>();
        differences.forEach(d -> counts.computeIfAbsent(d.measurement(), m -> new int[KINDS.size()])
                [KINDS.indexOf(d.kind())]++);
        var out = new StringBuilder(String.format("%-36s", "measurement"));
        KINDS.forEach(kind -> out.append(String.format(" %8s", kind.replace("container_base_image", "image"))));
        out.append('\n');
        counts.forEach((m, c) -> {
            out.append(String.format("%-36s", m));
            for (int n : c) {
                out.append(String.format(" %8d", n));
            }
            out.append('\n');
        });
        return out.toString();
    }

    private static String valueDetail(SeriesSummary ref, SeriesSummary our) {
        if (ref.perSecond() != null) {
            return our.perSecond() != null && close(our.perSecond(), ref.perSecond(), 0, 1e-3) ? null
                    : "per second ours " + our.perSecond() + ", Heapster's " + ref.perSecond();
        }
        boolean integer = ref.fieldType().equals("integer");
        double absolute = integer ? 1 : 1e-9;
        double relative = integer ? 0 : 1e-6;
        if (close(our.mean(), ref.mean(), absolute, relative) && close(our.min(), ref.min(), absolute, relative)
                && close(our.max(), ref.max(), absolute, relative)) {
            return null;
        }
        return "ours mean " + our.mean() + " [" + our.min() + ", " + our.max() + "], Heapster's " + ref.mean()
                + " [" + ref.min() + ", " + ref.max() + "]";
    }

    private static boolean close(double a, double b, double absolute, double relative) {
        return Math.abs(a - b) <= Math.max(absolute, relative * Math.max(Math.abs(a), Math.abs(b)));
    }
}
