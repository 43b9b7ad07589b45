package io.heapstream.aggregator.sample;

import java.util.List;
import java.util.Set;

/**
 * A few catalogue names to test metric ids against on the close path. Decoded ids are the catalogue's own
 * String instances ({@link MetricIds}), so an identity scan nearly always answers; a per-resource id (it holds
 * a '\0') is never one of these names, which spares hashing the fresh strings those ids are. Anything else
 * falls back to the set.
 */
public final class NameSet {
    private final String[] names;
    private final Set<String> set;

    public NameSet(List<String> names) {
        this.names = names.toArray(String[]::new);
        this.set = Set.copyOf(names);
        for (var name : names) {
            if (name.indexOf('\0') >= 0) {
                throw new IllegalArgumentException("not a plain metric name: " + name);
            }
        }
    }

    public boolean contains(String id) {
        for (var name : names) {
            if (name == id) {
                return true;
            }
        }
        return id.indexOf('\0') < 0 && set.contains(id);
    }
}
