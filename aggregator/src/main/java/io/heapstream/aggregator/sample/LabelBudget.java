package io.heapstream.aggregator.sample;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * At most {@link #MAX_BYTES} of label keys and values per series, applied where a scrape becomes a sample (so
 * the node stage's store, its changelog and every rollup stay small). Labels ride on every rollup of a series; a
 * pod with thousands of them would make its rollups larger than the producer's maximum request, which ends the
 * stream thread and, after the restart replays the same window, every restart: a crash loop for all
 * aggregation. Labels are kept in key order until the budget is spent; the rest are left out.
 */
final class LabelBudget {
    /** Far above what real workloads carry (a few hundred bytes) and far below the 1 MiB request limit. */
    static final int MAX_BYTES = 16 * 1024;

    private LabelBudget() { }

    static Map<String, String> cap(Map<String, String> labels) {
        long chars = 0;
        for (var e : labels.entrySet()) {
            chars += e.getKey().length() + (e.getValue() == null ? 0 : e.getValue().length());
        }
        if (chars * 3 <= MAX_BYTES) {
            return labels;   // even at 3 UTF-8 bytes per char within budget: the common case, no encoding
        }
        var kept = new TreeMap<String, String>();
        long bytes = 0;
        for (var e : new TreeMap<>(labels).entrySet()) {
            bytes += utf8(e.getKey()) + utf8(e.getValue());
            if (bytes > MAX_BYTES) {
                break;
            }
            kept.put(e.getKey(), e.getValue());
        }
        return kept;
    }

    private static int utf8(String s) {
        return s == null ? 0 : s.getBytes(StandardCharsets.UTF_8).length;
    }
}
