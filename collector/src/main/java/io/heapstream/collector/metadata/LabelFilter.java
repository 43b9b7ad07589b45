package io.heapstream.collector.metadata;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which pod and node labels travel with the metrics ({@code --label-include}, {@code --label-exclude}), so that
 * users can hold down the cardinality downstream. A pattern is a label key, or a prefix ending in {@code *}
 * ({@code app.kubernetes.io/*}). An empty include list includes everything; exclude wins over include.
 * {@code pod-template-hash} and {@code controller-revision-hash} change on every rollout and are always dropped.
 */
public record LabelFilter(List<String> include, List<String> exclude) {
    private static final List<String> ALWAYS_DROPPED = List.of("pod-template-hash", "controller-revision-hash");

    public static final LabelFilter ALL = new LabelFilter(List.of(), List.of());

    public LabelFilter {
        include = List.copyOf(include);
        exclude = List.copyOf(exclude);
    }

    public Map<String, String> apply(Map<String, String> labels) {
        if (labels == null || labels.isEmpty()) {
            return Map.of();
        }
        var kept = new LinkedHashMap<String, String>();
        labels.forEach((key, value) -> {
            if (keeps(key) && value != null) {
                kept.put(key, value);
            }
        });
        return kept;
    }

    public boolean keeps(String key) {
        if (ALWAYS_DROPPED.contains(key) || matchesAny(exclude, key)) {
            return false;
        }
        return include.isEmpty() || matchesAny(include, key);
    }

    private static boolean matchesAny(List<String> patterns, String key) {
        for (String pattern : patterns) {
            if (pattern.endsWith("*") ? key.startsWith(pattern.substring(0, pattern.length() - 1)) : key.equals(pattern)) {
                return true;
            }
        }
        return false;
    }
}
