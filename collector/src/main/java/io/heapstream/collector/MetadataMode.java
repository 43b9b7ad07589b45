package io.heapstream.collector;

import java.util.Locale;

/** Where pod metadata comes from: {@code --metadata api|on|kubelet|off}. */
public enum MetadataMode {
    /** fabric8 informers on this node's pods and its Node object (owners resolved through the API). */
    API,
    /** The kubelet's own {@code /pods}: no API-server access needed; owners guessed from names; no node capacity. */
    KUBELET,
    /** Unenriched: everything the kubelet reports, nothing more. */
    OFF;

    /** {@code on} is {@code api}; {@code null} or blank is {@code api} in a cluster, else {@code off}. */
    static MetadataMode parse(String text, boolean inCluster) {
        if (text == null || text.isBlank()) {
            return inCluster ? API : OFF;
        }
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "on", "api" -> API;
            case "kubelet" -> KUBELET;
            case "off" -> OFF;
            default -> throw new IllegalArgumentException("expected api|on|kubelet|off, got '" + text + "'");
        };
    }
}
