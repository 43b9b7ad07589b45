package io.heapstream.collector;

import static io.heapstream.collector.CollectorSettings.KUBELET_PODS_URL;
import static io.heapstream.collector.CollectorSettings.KUBELET_URL;
import static io.heapstream.collector.CollectorSettings.KUBELET_URL_TEMPLATE;
import static io.heapstream.collector.CollectorSettings.SCRAPE_WORKERS;
import static io.heapstream.collector.CollectorSettings.SHARDS;
import static io.heapstream.collector.CollectorSettings.SHARD_TOPIC;

import io.heapstream.collector.pool.PoolConfig;
import io.heapstream.model.settings.SettingsReader;

/** The {@code --mode pooled} part of {@link CollectorConfig#fromMap}: its settings and what they rule out. */
final class PooledSettings {
    private PooledSettings() { }

    static PoolConfig read(SettingsReader in, String source, String apiHost, String apiPort) {
        // One URL for one node means nothing to a replica scraping hundreds: say which flag replaces it.
        if (in.isSet(KUBELET_URL)) {
            in.problem(KUBELET_URL, "is for --mode daemonset; a pooled collector uses --kubelet-url-template");
        }
        if (in.isSet(KUBELET_PODS_URL)) {
            in.problem(KUBELET_PODS_URL, "is for --mode daemonset; a pooled collector reads each node's /pods"
                    + " next to its summary URL");
        }
        String template = in.get(KUBELET_URL_TEMPLATE, source.equals("apiserver")
                ? PoolConfig.apiserverTemplate(apiHost, apiPort) : PoolConfig.DIRECT_TEMPLATE);
        var pool = new PoolConfig(template, in.get(SHARD_TOPIC), in.get(SHARDS), in.get(SCRAPE_WORKERS));
        try {
            CollectorSettings.httpUri(pool.summaryUrl("node-1", "10.0.0.1", 10250).toString());
        } catch (IllegalArgumentException e) {
            in.problem(KUBELET_URL_TEMPLATE, "does not make a URL (" + e.getMessage() + ")");
        }
        return pool;
    }
}
