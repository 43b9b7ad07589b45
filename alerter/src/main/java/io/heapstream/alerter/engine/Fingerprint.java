package io.heapstream.alerter.engine;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * The alert's identity on the alerts topic and in the state store: the first 64 bits of SHA-256 over its
 * labels in name order (16 hex digits, as Alertmanager prints its own). The same rule and series give the same
 * fingerprint on every instance and after every restart; the labels are what Alertmanager groups by, too.
 */
public final class Fingerprint {
    private Fingerprint() { }

    public static String of(Map<String, String> labels) {
        try {
            var digest = MessageDigest.getInstance("SHA-256");
            for (var e : new TreeMap<>(labels).entrySet()) {
                digest.update(e.getKey().getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0xff);
                digest.update(e.getValue().getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0xfe);
            }
            return HexFormat.of().formatHex(digest.digest(), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
