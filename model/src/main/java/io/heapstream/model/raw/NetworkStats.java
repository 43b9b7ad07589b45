package io.heapstream.model.raw;

import java.time.Instant;
import java.util.List;

/**
 * Network of a pod or node: the default interface's counters inlined (as the kubelet does) plus every
 * interface. {@code name} may be empty with the counters absent (Windows, some CNIs).
 */
public record NetworkStats(Instant time, String name, Long rxBytes, Long rxErrors, Long txBytes, Long txErrors,
                           List<InterfaceStats> interfaces) {
    public NetworkStats {
        interfaces = interfaces == null ? List.of() : List.copyOf(interfaces);
    }
}
