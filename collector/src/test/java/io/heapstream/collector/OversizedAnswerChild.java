package io.heapstream.collector;

import io.heapstream.collector.kubelet.KubeletClient;
import io.heapstream.collector.kubelet.ScrapeException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * Run in a JVM with the collector's heap by {@link OversizedKubeletAnswerTest}: one GET with the default
 * response cap, printing {@code reason=<reason>} or {@code ok}. An OutOfMemoryError ends the JVM instead.
 */
public final class OversizedAnswerChild {
    private OversizedAnswerChild() { }

    public static void main(String[] args) throws Exception {
        var config = CollectorConfig.fromMap(Map.of("HEAPSTREAM_CLUSTER", "c1", "HEAPSTREAM_NODE_NAME", "n1",
                "HEAPSTREAM_KUBELET_URL", args[0], "HEAPSTREAM_METADATA", "off"));
        var client = new KubeletClient(new KubeletClient.Settings(null, null, false, Duration.ofSeconds(30),
                config.maxResponseBytes()));
        try {
            client.get(URI.create(args[0]));
            System.out.println("ok");
        } catch (ScrapeException e) {
            System.out.println("reason=" + e.reason());
        }
    }
}
