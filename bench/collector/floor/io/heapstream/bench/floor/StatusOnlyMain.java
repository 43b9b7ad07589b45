package io.heapstream.bench.floor;

import io.heapstream.app.CommonOptions;
import io.heapstream.app.RoleRuntime;

/**
 * The collector role's runtime without its service: the same registry, JVM meters, logging and status server
 * ({@link RoleRuntime} as CollectorCommand starts it, on the collector image's classpath), ready, probed and
 * scraped by FloorBench as the DaemonSet's probes and Prometheus would — what a collector JVM costs before it
 * scrapes anything. HEAPSTREAM_HTTP_ADDRESS and HEAPSTREAM_HTTP_PORT come from the environment, as in a pod.
 */
public final class StatusOnlyMain {
    private StatusOnlyMain() { }

    public static void main(String[] args) throws InterruptedException {
        try (var runtime = RoleRuntime.start("collector", new CommonOptions())) {
            runtime.readiness(() -> true);
            runtime.awaitStop();
        }
    }
}
