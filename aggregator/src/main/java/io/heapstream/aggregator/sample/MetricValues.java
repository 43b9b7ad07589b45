package io.heapstream.aggregator.sample;

import java.util.Arrays;

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
        int i = indexOf(id);
        if (i >= 0) {
            values[i] += value;
        } else {
            append(id, value);
        }
    }

    public void putIfPresent(String id, Long value) {
        if (value != null) {
            put(id, value);
        }
    }

    public MetricValues copy() {
        var c = new MetricValues(size + 4);
        System.arraycopy(ids, 0, c.ids, 0, size);
        System.arraycopy(values, 0, c.values, 0, size);
        c.size = size;
        return c;
    }

    private void append(String id, double value) {
        if (size == ids.length) {
            ids = Arrays.copyOf(ids, size * 2);
            values = Arrays.copyOf(values, size * 2);
        }
        ids[size] = id;
        values[size] = value;
        size++;
    }
}
