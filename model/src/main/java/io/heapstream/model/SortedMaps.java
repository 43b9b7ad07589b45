package io.heapstream.model;

import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Immutable copies of maps that iterate in key order. {@code Map.copyOf} iterates in an order that changes from
 * one JVM to the next, which would make the same record serialize to different bytes after a restart or on
 * replay; records that carry maps copy them through here instead.
 */
public final class SortedMaps {
    private SortedMaps() { }

    /** An unmodifiable, key-ordered copy; {@code null} becomes an empty map. Keys and values must not be null. */
    public static <V> Map<String, V> copyOf(Map<String, V> map) {
        if (map == null || map.isEmpty()) {
            return Collections.emptySortedMap();
        }
        SortedMap<String, V> copy = new TreeMap<>();
        map.forEach((key, value) -> copy.put(
                java.util.Objects.requireNonNull(key, "map key"), java.util.Objects.requireNonNull(value, "map value")));
        return Collections.unmodifiableSortedMap(copy);
    }
}
