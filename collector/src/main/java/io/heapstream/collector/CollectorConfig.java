package io.heapstream.collector;

import static io.heapstream.collector.CollectorSettings.BUFFER_MAX_BYTES;
import static io.heapstream.collector.CollectorSettings.KUBELET_ALLOW_PLAINTEXT_TOKEN;
import static io.heapstream.collector.CollectorSettings.COMPRESSION;
import static io.heapstream.collector.CollectorSettings.KUBELET_CA_FILE;
import static io.heapstream.collector.CollectorSettings.KUBELET_INSECURE_SKIP_VERIFY;
import static io.heapstream.collector.CollectorSettings.KUBELET_MAX_RESPONSE_BYTES;
import static io.heapstream.collector.CollectorSettings.KUBELET_PODS_URL;
import static io.heapstream.collector.CollectorSettings.KUBELET_SOURCE;
import static io.heapstream.collector.CollectorSettings.KUBELET_TIMEOUT;
import static io.heapstream.collector.CollectorSettings.KUBELET_TOKEN_FILE;
import static io.heapstream.collector.CollectorSettings.KUBELET_URL;
import static io.heapstream.collector.CollectorSettings.LABEL_EXCLUDE;
import static io.heapstream.collector.CollectorSettings.LABEL_INCLUDE;
import static io.heapstream.collector.CollectorSettings.METADATA;
import static io.heapstream.collector.CollectorSettings.METADATA_REFRESH;
import static io.heapstream.collector.CollectorSettings.MODE;
import static io.heapstream.collector.CollectorSettings.NODE_IP;
import static io.heapstream.collector.CollectorSettings.NODE_NAME;
import static io.heapstream.collector.CollectorSettings.SCRAPE_INTERVAL;

import io.heapstream.collector.metadata.LabelFilter;
import io.heapstream.collector.pool.PoolConfig;
import io.heapstream.model.settings.CommonSettings;
import io.heapstream.model.settings.Setting;
import io.heapstream.model.settings.SettingsReader;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Everything the collector role is told, built from one {@code Map} keyed by environment variable names
 * ({@code System.getenv()} merged with the flags in production, {@code Map.of(...)} in tests), as declared in
 * {@link CollectorSettings}. Every bad key is reported in one message naming both the flag and the variable.
 *
 * @param kubeletUrl       the Summary API URL scraped each slot
 * @param kubeletPodsUrl   the kubelet's {@code /pods}, for {@code --metadata kubelet}
 * @param bufferMaxBytes   bound of the scrapes waiting for the broker; the oldest are dropped beyond it
 * @param kafkaProperties  extra producer settings (from {@code --kafka-config}); values are never logged
 * @param allowPlaintextToken send the bearer token to an {@code http://} kubelet URL (refused otherwise)
 * @param pool             {@code --mode pooled}: the nodes come from the API server and {@code kubeletUrl} is
 *                         {@code null}; {@code null} in the default {@code daemonset} mode
 */
public record CollectorConfig(String cluster, String nodeName, String kafkaBootstrap, String rawTopic,
                              URI kubeletUrl, URI kubeletPodsUrl, Path tokenFile, Path caFile,
                              boolean insecureSkipVerify, Duration kubeletTimeout, long maxResponseBytes,
                              Duration scrapeInterval, MetadataMode metadata, Duration metadataRefresh,
                              LabelFilter labels, long bufferMaxBytes, String compression,
                              Map<String, String> kafkaProperties, boolean allowPlaintextToken, PoolConfig pool) {

    /** The kubelet timeout unless told otherwise, or less: see {@link #defaultTimeout(Duration)}. */
    static final Duration DEFAULT_KUBELET_TIMEOUT = Duration.ofSeconds(10);

    public CollectorConfig {
        kafkaProperties = Map.copyOf(kafkaProperties);
    }

    /** Builds the config or throws {@link io.heapstream.model.settings.SettingsException} listing every bad setting. */
    public static CollectorConfig fromMap(Map<String, String> env) {
        var in = new SettingsReader("collector", env);
        boolean inCluster = in.env("KUBERNETES_SERVICE_HOST") != null;
        String cluster = in.get(CommonSettings.CLUSTER);
        if (cluster == null) {
            in.problem(CommonSettings.CLUSTER, "required");
        }
        boolean pooled = in.get(MODE).equals("pooled");
        String source = in.get(KUBELET_SOURCE);
        String apiHost = inCluster ? in.env("KUBERNETES_SERVICE_HOST") : "kubernetes.default.svc";
        String apiPort = env.getOrDefault("KUBERNETES_SERVICE_PORT", "443");
        // Pooled: the node name is this replica's (the pod's, from HOSTNAME) and each node's URL comes later.
        String node = in.get(NODE_NAME, pooled ? replicaName(in) : in.env("NODE_NAME"));
        URI url = null;
        URI podsUrl = null;
        PoolConfig pool = pooled ? PooledSettings.read(in, source, apiHost, apiPort) : null;
        if (!pooled) {
            // The downward API's node IP, under either name (an IPv6 address gets its brackets).
            String nodeIp = in.get(NODE_IP, in.env("NODE_IP"));
            String defaultUrl = source.equals("apiserver")
                    ? "https://" + apiHost + ":" + apiPort + "/api/v1/nodes/" + node + "/proxy/stats/summary"
                    : nodeIp != null ? "https://" + (nodeIp.contains(":") ? "[" + nodeIp + "]" : nodeIp)
                            + ":10250/stats/summary" : null;
            // a default is only worked out when none is given, so a bad one cannot hide behind a given URL
            url = in.isSet(KUBELET_URL) ? in.get(KUBELET_URL) : parsedDefault(in, KUBELET_URL, defaultUrl);
            if (url == null && !in.isSet(KUBELET_URL)) {
                in.problem(KUBELET_URL, "required (or set HEAPSTREAM_NODE_IP or NODE_IP)");
            }
            String podsDefault = url == null ? null : podsUrlText(url);
            podsUrl = in.isSet(KUBELET_PODS_URL) ? in.get(KUBELET_PODS_URL)
                    : parsedDefault(in, KUBELET_PODS_URL, podsDefault);
        }
        Duration interval = in.get(SCRAPE_INTERVAL);
        Duration timeout = in.get(KUBELET_TIMEOUT, defaultTimeout(interval));
        if (timeout.compareTo(interval) > 0) {
            in.problem(KUBELET_TIMEOUT, "must not exceed --scrape-interval " + interval);
        }
        // A CA file named on purpose must be there: the fallback (the JDK's public CAs) would hide the typo.
        if (in.isSet(KUBELET_CA_FILE) && !Files.isRegularFile(Path.of(in.get(KUBELET_CA_FILE)))) {
            in.problem(KUBELET_CA_FILE, "no such file: " + in.get(KUBELET_CA_FILE));
        }
        MetadataMode mode = in.get(METADATA, pooled ? MetadataMode.KUBELET
                : inCluster ? MetadataMode.API : MetadataMode.OFF);
        if (pooled && mode == MetadataMode.API) {
            // per-node informers on every node of a shard would be thousands of watches on the API server
            in.problem(METADATA, "api is for --mode daemonset; a pooled collector reads each kubelet's /pods"
                    + " (kubelet) or nothing (off)");
        }
        var config = new CollectorConfig(cluster, node, in.get(CommonSettings.KAFKA_BOOTSTRAP),
                in.get(CommonSettings.RAW_TOPIC), url, podsUrl,
                Path.of(in.get(KUBELET_TOKEN_FILE)), Path.of(in.get(KUBELET_CA_FILE)),
                in.get(KUBELET_INSECURE_SKIP_VERIFY), timeout, in.get(KUBELET_MAX_RESPONSE_BYTES), interval, mode,
                in.get(METADATA_REFRESH), new LabelFilter(in.get(LABEL_INCLUDE, List.of()),
                        in.get(LABEL_EXCLUDE, List.of())),
                in.get(BUFFER_MAX_BYTES), in.get(COMPRESSION), Map.of(), in.get(KUBELET_ALLOW_PLAINTEXT_TOKEN), pool);
        in.throwIfInvalid();
        return config;
    }

    /**
     * The kubelet timeout when none is given: 10 s, or two thirds of the scrape interval when that is shorter, so
     * that {@code --scrape-interval 2s} works alone and a slow answer is given up before the next slot.
     */
    static Duration defaultTimeout(Duration interval) {
        Duration twoThirds = Duration.ofMillis(interval.toMillis() * 2 / 3);
        return twoThirds.compareTo(DEFAULT_KUBELET_TIMEOUT) < 0 ? twoThirds : DEFAULT_KUBELET_TIMEOUT;
    }

    /** A pooled replica's name, for its Kafka client ids and logs: the pod's (HOSTNAME), else {@code pooled}. */
    private static String replicaName(SettingsReader in) {
        String host = in.env("HOSTNAME");
        return host != null ? host : "pooled";
    }

    /** The kubelet's pod list next to its Summary URL: {@code /stats/summary} → {@code /pods}. */
    static String podsUrlText(URI summaryUrl) {
        return summaryUrl.toString().replaceFirst("/stats/summary/?$", "/pods");
    }

    /** What the kubelets are reached at: the URL, or with {@code --mode pooled} the URL template. */
    public String kubeletTarget() {
        return pool == null ? String.valueOf(kubeletUrl) : pool.urlTemplate();
    }

    /** The same config with extra producer settings. */
    public CollectorConfig withKafkaProperties(Map<String, String> properties) {
        return new CollectorConfig(cluster, nodeName, kafkaBootstrap, rawTopic, kubeletUrl, kubeletPodsUrl, tokenFile,
                caFile, insecureSkipVerify, kubeletTimeout, maxResponseBytes, scrapeInterval, metadata,
                metadataRefresh, labels, bufferMaxBytes, compression, properties, allowPlaintextToken, pool);
    }

    @Override
    public String toString() {
        return "CollectorConfig[cluster=" + cluster + ", node=" + nodeName + ", kafka=" + kafkaBootstrap
                + ", topic=" + rawTopic + ", kubeletUrl=" + kubeletUrl + ", podsUrl=" + kubeletPodsUrl
                + ", tokenFile=" + tokenFile + ", caFile=" + caFile + ", insecureSkipVerify=" + insecureSkipVerify
                + ", timeout=" + kubeletTimeout + ", maxResponseBytes=" + maxResponseBytes
                + ", interval=" + scrapeInterval + ", metadata=" + metadata + ", metadataRefresh=" + metadataRefresh
                + ", labels=" + labels + ", bufferMaxBytes=" + bufferMaxBytes + ", compression=" + compression
                + ", allowPlaintextToken=" + allowPlaintextToken + (pool == null ? "" : ", pool=" + pool)
                + ", kafkaProperties=" + kafkaProperties.keySet() + " (values hidden)]";
    }

    /** A default worked out from other settings, as if it had been given (a bad one is a problem, not a crash). */
    private static URI parsedDefault(SettingsReader in, Setting<URI> setting, String text) {
        if (text == null) {
            return null;
        }
        try {
            return CollectorSettings.httpUri(text);
        } catch (IllegalArgumentException e) {
            in.problem(setting, "the default " + text + " is not a URL (" + e.getMessage() + "): set it");
            return null;
        }
    }
}
