package io.heapstream.aggregator.sample;

import java.util.Arrays;

/**
 * A sample writer's string table ({@link SampleCodecV2}): string to position, open addressing with an identity
 * check first, kept between samples (a HashMap's entry and boxed Integer per string were a visible part of
 * encoding).
 */
final class StringPositions {
    private String[] slots = new String[1024];
    private int[] positions = new int[1024];
    private String[] ordered = new String[512];
    private int size;

    void clear() {
        if (size > 0) {
            Arrays.fill(slots, null);
            size = 0;
        }
    }

    /** The position of {@code s}, or -1. */
    int positionOf(String s) {
        int mask = slots.length - 1;
        for (int i = spread(s.hashCode()) & mask; ; i = i + 1 & mask) {
            var k = slots[i];
            if (k == null) {
                return -1;
            }
            if (k == s || k.equals(s)) {
                return positions[i];
            }
        }
    }

    /** Adds {@code s}, which is not in the table yet, at the next position. */
    void add(String s) {
        if (size == ordered.length) {
            grow();
        }
        ordered[size] = s;
        put(s, size++);
    }

    private void put(String s, int position) {
        int mask = slots.length - 1;
        int i = spread(s.hashCode()) & mask;
        while (slots[i] != null) {
            i = i + 1 & mask;
        }
        slots[i] = s;
        positions[i] = position;
    }

    private void grow() {   // at most half full, so probes stay short
        ordered = Arrays.copyOf(ordered, size * 2);
        slots = new String[size * 4];
        positions = new int[size * 4];
        for (int p = 0; p < size; p++) {
            put(ordered[p], p);
        }
    }

    private static int spread(int h) {
        return h ^ h >>> 16;
    }
}
