package io.heapstream.aggregator.sample;

import java.util.Arrays;
import java.util.function.Predicate;

/**
 * A small mutable map from metric id ({@code name} or {@code name + '\0' + resourceId}) to a value, kept as
 * parallel arrays: a series has a few dozen metrics at most, and this is on the per-sample hot path.
 */
public final class MetricValues {
    private String[] ids;
    private double[] values;
    private int size;

    public MetricValues() {
        this(8);
    }

    public MetricValues(int capacity) {
        ids = new String[Math.max(capacity, 1)];
        values = new double[ids.length];
    }

    /** The id of a per-resource metric. */
    public static String id(String name, String resourceId) {
        return resourceId == null ? name : name + '\0' + resourceId;
    }

    public static String nameOf(String id) {
        int i = id.indexOf('\0');
        return i < 0 ? id : id.substring(0, i);
    }

    public static String resourceOf(String id) {
        int i = id.indexOf('\0');
        return i < 0 ? null : id.substring(i + 1);
    }

    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    public String id(int i) {
        return ids[i];
    }

    public double value(int i) {
        return values[i];
    }

    public int indexOf(String id) {
        // one pass: equals answers identical ids (the catalogue's own instances, see MetricIds) at once, and an
        // identity pass first would scan twice on every miss, which is what building a sample mostly does
        for (int i = 0; i < size; i++) {
            if (ids[i].equals(id)) {
                return i;
            }
        }
        return -1;
    }

    public boolean has(String id) {
        return indexOf(id) >= 0;
    }

    /** The value, or NaN when absent. */
    public double get(String id) {
        int i = indexOf(id);
        return i < 0 ? Double.NaN : values[i];
    }

    public void put(String id, double value) {
        int i = indexOf(id);
        if (i >= 0) {
            values[i] = value;
        } else {
            append(id, value);
        }
    }

    /** Adds to the value (a sum over the parts of a total). */
    public void add(String id, double value) {
        add(id, value, -1);
    }

    /**
     * {@link #add(String, double)} that looks at position {@code hint} first: parts summed in the same metric
     * order line up, so the caller passing the last returned position + 1 mostly skips the scan.
     *
     * @return the id's position
     */
    public int add(String id, double value, int hint) {
        int i = hint >= 0 && hint < size && ids[hint] == id ? hint : indexOf(id);
        if (i >= 0) {
            values[i] += value;
            return i;
        }
        append(id, value);
        return size - 1;
    }

    /** Adds every value of {@code part}, in its order. */
    public void addAll(MetricValues part) {
        if (size == 0) {   // nothing to add to: the same ids and values as adding one by one, without lookups
            ensure(part.size);
            System.arraycopy(part.ids, 0, ids, 0, part.size);
            System.arraycopy(part.values, 0, values, 0, part.size);
            size = part.size;
            return;
        }
        int at = -1;
        for (int i = 0; i < part.size; i++) {
            at = add(part.ids[i], part.values[i], at + 1);
        }
    }

    /** Puts every value of {@code part} whose id this has not: a pod's own stats win over its containers' sum. */
    public void putAbsent(MetricValues part) {
        for (int i = 0; i < part.size; i++) {
            if (indexOf(part.ids[i]) < 0) {
                append(part.ids[i], part.values[i]);
            }
        }
    }

    public void putIfPresent(String id, Long value) {
        if (value != null) {
            put(id, value);
        }
    }

    /**
     * Replaces the content with the values of {@code source} whose ids pass {@code keep}, in its order: its ids
     * are unique, so they need no lookup.
     */
    public MetricValues pick(MetricValues source, Predicate<String> keep) {
        size = 0;
        for (int i = 0; i < source.size; i++) {
            if (keep.test(source.ids[i])) {
                append(source.ids[i], source.values[i]);
            }
        }
        return this;
    }

    public MetricValues copy() {
        var c = new MetricValues(size + 4);
        System.arraycopy(ids, 0, c.ids, 0, size);
        System.arraycopy(values, 0, c.values, 0, size);
        c.size = size;
        return c;
    }

    private void append(String id, double value) {
        ensure(size + 1);
        ids[size] = id;
        values[size] = value;
        size++;
    }

    private void ensure(int capacity) {
        if (capacity > ids.length) {
            int length = Math.max(capacity, ids.length * 2);
            ids = Arrays.copyOf(ids, length);
            values = Arrays.copyOf(values, length);
        }
    }
}
