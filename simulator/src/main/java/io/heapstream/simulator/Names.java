package io.heapstream.simulator;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/** Kubernetes-looking names and ids: generated suffixes, pod-template hashes, uids, container ids. */
final class Names {
    /** The alphabet of Kubernetes' generated name suffixes (no vowels, no confusable characters). */
    private static final char[] SUFFIX = "bcdfghjklmnpqrstvwxz2456789".toCharArray();
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private Names() { }

    /** A generated suffix such as {@code x7k2p} (pods of ReplicaSets, DaemonSets, Jobs). */
    static String suffix(SimRandom random, int length) {
        var chars = new char[length];
        for (int i = 0; i < length; i++) {
            chars[i] = SUFFIX[random.nextInt(SUFFIX.length)];
        }
        return new String(chars);
    }

    /** A {@code pod-template-hash} / {@code controller-revision-hash} such as {@code 7788bdb6df}. */
    static String templateHash(SimRandom random) {
        return suffix(random, 10);
    }

    /** A random (version 4) uid in the API server's format. */
    static String uid(SimRandom random) {
        var hex = hex(random, 32).toCharArray();
        hex[12] = '4';
        hex[16] = HEX[8 + random.nextInt(4)];
        var s = new String(hex);
        return s.substring(0, 8) + "-" + s.substring(8, 12) + "-" + s.substring(12, 16) + "-" + s.substring(16, 20)
                + "-" + s.substring(20);
    }

    static String hex(SimRandom random, int length) {
        var chars = new char[length];
        for (int i = 0; i < length; i++) {
            chars[i] = HEX[random.nextInt(16)];
        }
        return new String(chars);
    }

    /** {@code node-0007}: zero-padded to the width of the largest number, at least four digits. */
    static String numbered(String prefix, int number, int largest) {
        int width = Math.max(4, Integer.toString(largest).length());
        var digits = Integer.toString(number);
        return prefix + "0".repeat(Math.max(0, width - digits.length())) + digits;
    }

    /** Sorted and unmodifiable: iteration order must not depend on the JVM (Map.copyOf's order does). */
    static Map<String, String> sorted(Map<String, String> map) {
        return Collections.unmodifiableMap(new TreeMap<>(map));
    }
}
