package io.heapstream.app;

import io.heapstream.collector.CollectorConfig;
import io.heapstream.collector.CollectorService;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Wires flags → {@link CollectorConfig} → {@link CollectorService}. The downward-API variables (NODE_NAME,
 * NODE_IP) and the in-cluster ones (KUBERNETES_SERVICE_HOST/PORT) come from the environment as they are.
 */
@Command(name = "collector", mixinStandardHelpOptions = true,
        description = "Scrape this node's kubelet Summary API on a wall-clock grid and publish raw stats to Kafka.")
final class CollectorCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Option(names = "--node-name", defaultValue = "${env:HEAPSTREAM_NODE_NAME}",
            description = "This node's name (env HEAPSTREAM_NODE_NAME; default $NODE_NAME from the downward API).")
    String nodeName;

    @Option(names = "--kubelet-url", defaultValue = "${env:HEAPSTREAM_KUBELET_URL}",
            description = "Summary API URL (env HEAPSTREAM_KUBELET_URL; default https://$NODE_IP:10250/stats/summary,"
                    + " or the API server's node proxy with --kubelet-source apiserver).")
    String kubeletUrl;

    @Option(names = "--kubelet-source", defaultValue = "${env:HEAPSTREAM_KUBELET_SOURCE:-direct}",
            description = "direct (the kubelet on port 10250) or apiserver (/api/v1/nodes/<node>/proxy/...)"
                    + " (env HEAPSTREAM_KUBELET_SOURCE; default ${DEFAULT-VALUE}).")
    String kubeletSource;

    @Option(names = "--kubelet-pods-url", defaultValue = "${env:HEAPSTREAM_KUBELET_PODS_URL}",
            description = "The kubelet's /pods for --metadata kubelet (env HEAPSTREAM_KUBELET_PODS_URL;"
                    + " default the summary URL with /stats/summary replaced by /pods).")
    String kubeletPodsUrl;

    @Option(names = "--kubelet-token-file", defaultValue = "${env:HEAPSTREAM_KUBELET_TOKEN_FILE}",
            description = "Bearer token file, read on every request (env HEAPSTREAM_KUBELET_TOKEN_FILE;"
                    + " default the service account's token).")
    String tokenFile;

    @Option(names = "--kubelet-ca-file", defaultValue = "${env:HEAPSTREAM_KUBELET_CA_FILE}",
            description = "PEM CA bundle the kubelet's certificate must chain to (env HEAPSTREAM_KUBELET_CA_FILE;"
                    + " default the service account's ca.crt).")
    String caFile;

    @Option(names = "--kubelet-insecure-skip-verify", defaultValue = "${env:HEAPSTREAM_KUBELET_INSECURE_SKIP_VERIFY:-false}",
            description = "Accept any kubelet certificate (env HEAPSTREAM_KUBELET_INSECURE_SKIP_VERIFY;"
                    + " default ${DEFAULT-VALUE}).")
    String insecureSkipVerify;

    @Option(names = "--kubelet-allow-plaintext-token", defaultValue = "${env:HEAPSTREAM_KUBELET_ALLOW_PLAINTEXT_TOKEN:-false}",
            description = "Send the bearer token to an http:// kubelet URL, in clear (env HEAPSTREAM_KUBELET_ALLOW_PLAINTEXT_TOKEN;"
                    + " default ${DEFAULT-VALUE}: such scrapes fail with reason plaintext_token).")
    String allowPlaintextToken;

    @Option(names = "--kubelet-timeout", defaultValue = "${env:HEAPSTREAM_KUBELET_TIMEOUT:-10s}",
            description = "Whole-request timeout, body included (env HEAPSTREAM_KUBELET_TIMEOUT; default ${DEFAULT-VALUE}).")
    String timeout;

    @Option(names = "--kubelet-max-response-bytes", defaultValue = "${env:HEAPSTREAM_KUBELET_MAX_RESPONSE_BYTES:-" + CollectorConfig.DEFAULT_MAX_RESPONSE + "}",
            description = "Larger answers are abandoned (env HEAPSTREAM_KUBELET_MAX_RESPONSE_BYTES; default ${DEFAULT-VALUE}).")
    String maxResponseBytes;

    @Option(names = "--scrape-interval", defaultValue = "${env:HEAPSTREAM_SCRAPE_INTERVAL:-15s}",
            description = "Grid of wall-clock multiples to scrape on (env HEAPSTREAM_SCRAPE_INTERVAL; default ${DEFAULT-VALUE}).")
    String interval;

    @Option(names = "--metadata", defaultValue = "${env:HEAPSTREAM_METADATA}",
            description = "api|on (informers), kubelet (the kubelet's /pods) or off (env HEAPSTREAM_METADATA;"
                    + " default api in a cluster, else off).")
    String metadata;

    @Option(names = "--metadata-refresh", defaultValue = "${env:HEAPSTREAM_METADATA_REFRESH:-60s}",
            description = "Re-read the kubelet's /pods this often in kubelet mode (env HEAPSTREAM_METADATA_REFRESH;"
                    + " default ${DEFAULT-VALUE}).")
    String metadataRefresh;

    @Option(names = "--label-include", defaultValue = "${env:HEAPSTREAM_LABEL_INCLUDE}",
            description = "Pod/node label keys to keep, comma-separated, prefix* allowed; empty keeps all"
                    + " (env HEAPSTREAM_LABEL_INCLUDE).")
    String labelInclude;

    @Option(names = "--label-exclude", defaultValue = "${env:HEAPSTREAM_LABEL_EXCLUDE}",
            description = "Label keys to drop, comma-separated, prefix* allowed (env HEAPSTREAM_LABEL_EXCLUDE).")
    String labelExclude;

    @Option(names = "--buffer-max-bytes", defaultValue = "${env:HEAPSTREAM_BUFFER_MAX_BYTES:-" + CollectorConfig.DEFAULT_BUFFER + "}",
            description = "Scrapes kept while the broker is away; the oldest are dropped beyond it"
                    + " (env HEAPSTREAM_BUFFER_MAX_BYTES; default ${DEFAULT-VALUE}).")
    String bufferMaxBytes;

    @Option(names = "--compression", defaultValue = "${env:HEAPSTREAM_COMPRESSION:-" + CollectorConfig.DEFAULT_COMPRESSION + "}",
            description = "Producer compression (env HEAPSTREAM_COMPRESSION; default ${DEFAULT-VALUE}).")
    String compression;

    @Override
    public Integer call() throws Exception {
        var config = CollectorConfig.fromMap(settings()).withKafkaProperties(common.kafkaProperties());
        try (var runtime = RoleRuntime.start("collector", common)) {
            var service = new CollectorService(config, runtime.registry());
            runtime.readiness(service::ready);
            runtime.liveness(service::healthy);
            runtime.onStop(service::close);
            service.start();
            runtime.awaitStop();
        }
        return 0;
    }

    private Map<String, String> settings() {
        var map = new HashMap<>(System.getenv());
        put(map, "HEAPSTREAM_CLUSTER", common.cluster());
        put(map, "HEAPSTREAM_KAFKA_BOOTSTRAP", common.kafkaBootstrap());
        put(map, "HEAPSTREAM_RAW_TOPIC", common.rawTopic().name());
        put(map, "HEAPSTREAM_NODE_NAME", nodeName);
        put(map, "HEAPSTREAM_KUBELET_URL", kubeletUrl);
        put(map, "HEAPSTREAM_KUBELET_SOURCE", kubeletSource);
        put(map, "HEAPSTREAM_KUBELET_PODS_URL", kubeletPodsUrl);
        put(map, "HEAPSTREAM_KUBELET_TOKEN_FILE", tokenFile);
        put(map, "HEAPSTREAM_KUBELET_CA_FILE", caFile);
        put(map, "HEAPSTREAM_KUBELET_INSECURE_SKIP_VERIFY", insecureSkipVerify);
        put(map, "HEAPSTREAM_KUBELET_ALLOW_PLAINTEXT_TOKEN", allowPlaintextToken);
        put(map, "HEAPSTREAM_KUBELET_TIMEOUT", timeout);
        put(map, "HEAPSTREAM_KUBELET_MAX_RESPONSE_BYTES", maxResponseBytes);
        put(map, "HEAPSTREAM_SCRAPE_INTERVAL", interval);
        put(map, "HEAPSTREAM_METADATA", metadata);
        put(map, "HEAPSTREAM_METADATA_REFRESH", metadataRefresh);
        put(map, "HEAPSTREAM_LABEL_INCLUDE", labelInclude);
        put(map, "HEAPSTREAM_LABEL_EXCLUDE", labelExclude);
        put(map, "HEAPSTREAM_BUFFER_MAX_BYTES", bufferMaxBytes);
        put(map, "HEAPSTREAM_COMPRESSION", compression);
        return map;
    }

    private static void put(Map<String, String> map, String key, String value) {
        if (value != null && !value.isBlank()) {
            map.put(key, value);
        }
    }
}
