package io.heapstream.collector;

import io.heapstream.collector.metadata.LabelFilter;
import io.heapstream.collector.metadata.Quantities;
import io.heapstream.model.Topics;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Everything the collector role is told, built from one {@code Map} keyed by environment variable names
 * ({@code System.getenv()} merged with the flags in production, {@code Map.of(...)} in tests). Every bad key is
 * reported in one message naming both the flag and the variable.
 *
 * @param kubeletUrl       the Summary API URL scraped each slot
 * @param kubeletPodsUrl   the kubelet's {@code /pods}, for {@code --metadata kubelet}
 * @param bufferMaxBytes   bound of the scrapes waiting for the broker; the oldest are dropped beyond it
 * @param allowPlaintextToken send the bearer token to an {@code http://} kubelet URL (refused otherwise)
 * @param kafkaProperties  extra producer settings (from {@code --kafka-config}); values are never logged
 */
public record CollectorConfig(String cluster, String nodeName, String kafkaBootstrap, String rawTopic,
                              URI kubeletUrl, URI kubeletPodsUrl, Path tokenFile, Path caFile,
                              boolean insecureSkipVerify, Duration kubeletTimeout, long maxResponseBytes,
                              Duration scrapeInterval, MetadataMode metadata, Duration metadataRefresh,
                              LabelFilter labels, long bufferMaxBytes, String compression,
                              Map<String, String> kafkaProperties, boolean allowPlaintextToken) {

    public static final String SA_DIR = "/var/run/secrets/kubernetes.io/serviceaccount/";
    /**
     * About ten minutes of 15 s scrapes of a 110-pod node: its record is ~295 KB as JSON, and records that wait
     * are kept deflated (docs/collector.md has the measured sizes).
     */
    public static final String DEFAULT_BUFFER = "8Mi";
    public static final String DEFAULT_COMPRESSION = "zstd";
    /**
     * Forty times the largest Summary in the fixtures (93 KB) and still an eighth of the collector's 32 MiB heap:
     * a body is held twice while it becomes one array, so a cap near the heap ends in OutOfMemoryError instead
     * of {@code too_large}.
     */
    public static final String DEFAULT_MAX_RESPONSE = "4Mi";

    public CollectorConfig {
        kafkaProperties = Map.copyOf(kafkaProperties);
    }

    /** Builds the config or throws {@link IllegalArgumentException} listing every bad setting. */
    public static CollectorConfig fromMap(Map<String, String> env) {
        var r = new Reader(env);
        boolean inCluster = present(env.get("KUBERNETES_SERVICE_HOST"));
        String cluster = r.required("HEAPSTREAM_CLUSTER", "--cluster", env.get("HEAPSTREAM_CLUSTER"));
        String node = r.required("HEAPSTREAM_NODE_NAME", "--node-name",
                r.or("HEAPSTREAM_NODE_NAME", env.get("NODE_NAME")));
        String source = r.or("HEAPSTREAM_KUBELET_SOURCE", "direct").toLowerCase(Locale.ROOT);
        if (!source.equals("direct") && !source.equals("apiserver")) {
            r.bad("HEAPSTREAM_KUBELET_SOURCE", "--kubelet-source", "expected direct|apiserver, got '" + source + "'");
        }
        // The downward API's node IP, under either name (an IPv6 address gets its brackets).
        String nodeIp = r.or("HEAPSTREAM_NODE_IP", env.get("NODE_IP"));
        String defaultUrl = source.equals("apiserver")
                ? "https://" + env.getOrDefault("KUBERNETES_SERVICE_HOST", "kubernetes.default.svc") + ":"
                        + env.getOrDefault("KUBERNETES_SERVICE_PORT", "443") + "/api/v1/nodes/" + node
                        + "/proxy/stats/summary"
                : present(nodeIp) ? "https://" + (nodeIp.contains(":") ? "[" + nodeIp + "]" : nodeIp)
                        + ":10250/stats/summary" : null;
        URI url = r.parse("HEAPSTREAM_KUBELET_URL", "--kubelet-url",
                r.required("HEAPSTREAM_KUBELET_URL", "--kubelet-url (or NODE_IP)", r.or("HEAPSTREAM_KUBELET_URL", defaultUrl)),
                CollectorConfig::httpUri);
        String podsDefault = url == null ? null : url.toString().replaceFirst("/stats/summary/?$", "/pods");
        URI podsUrl = r.parse("HEAPSTREAM_KUBELET_PODS_URL", "--kubelet-pods-url",
                r.or("HEAPSTREAM_KUBELET_PODS_URL", podsDefault), CollectorConfig::httpUri);
        Duration interval = r.parse("HEAPSTREAM_SCRAPE_INTERVAL", "--scrape-interval",
                r.or("HEAPSTREAM_SCRAPE_INTERVAL", "15s"), CollectorConfig::duration);
        Duration timeout = r.parse("HEAPSTREAM_KUBELET_TIMEOUT", "--kubelet-timeout",
                r.or("HEAPSTREAM_KUBELET_TIMEOUT", "10s"), CollectorConfig::duration);
        if (interval != null && timeout != null && timeout.compareTo(interval) > 0) {
            r.bad("HEAPSTREAM_KUBELET_TIMEOUT", "--kubelet-timeout", "must not exceed --scrape-interval " + interval);
        }
        MetadataMode mode = r.parse("HEAPSTREAM_METADATA", "--metadata", env.getOrDefault("HEAPSTREAM_METADATA", ""),
                text -> MetadataMode.parse(text, inCluster));
        String compression = r.or("HEAPSTREAM_COMPRESSION", DEFAULT_COMPRESSION).toLowerCase(Locale.ROOT);
        if (!List.of("none", "gzip", "snappy", "lz4", "zstd").contains(compression)) {
            r.bad("HEAPSTREAM_COMPRESSION", "--compression", "expected none|gzip|snappy|lz4|zstd, got '" + compression + "'");
        }
        Boolean insecure = r.parse("HEAPSTREAM_KUBELET_INSECURE_SKIP_VERIFY", "--kubelet-insecure-skip-verify",
                r.or("HEAPSTREAM_KUBELET_INSECURE_SKIP_VERIFY", "false"), CollectorConfig::bool);
        Boolean plaintextToken = r.parse("HEAPSTREAM_KUBELET_ALLOW_PLAINTEXT_TOKEN", "--kubelet-allow-plaintext-token",
                r.or("HEAPSTREAM_KUBELET_ALLOW_PLAINTEXT_TOKEN", "false"), CollectorConfig::bool);
        // A CA file named on purpose must be there: the fallback (the JDK's public CAs) would hide the typo.
        String caFile = env.get("HEAPSTREAM_KUBELET_CA_FILE");
        if (present(caFile) && !Files.isRegularFile(Path.of(caFile))) {
            r.bad("HEAPSTREAM_KUBELET_CA_FILE", "--kubelet-ca-file", "no such file: " + caFile);
        }
        Long maxResponse = r.parse("HEAPSTREAM_KUBELET_MAX_RESPONSE_BYTES", "--kubelet-max-response-bytes",
                r.or("HEAPSTREAM_KUBELET_MAX_RESPONSE_BYTES", DEFAULT_MAX_RESPONSE), CollectorConfig::bytes);
        Duration refresh = r.parse("HEAPSTREAM_METADATA_REFRESH", "--metadata-refresh",
                r.or("HEAPSTREAM_METADATA_REFRESH", "60s"), CollectorConfig::duration);
        Long buffer = r.parse("HEAPSTREAM_BUFFER_MAX_BYTES", "--buffer-max-bytes",
                r.or("HEAPSTREAM_BUFFER_MAX_BYTES", DEFAULT_BUFFER), CollectorConfig::bytes);
        r.throwIfBad();
        return new CollectorConfig(cluster, node,
                r.or("HEAPSTREAM_KAFKA_BOOTSTRAP", "localhost:9092"),
                r.or("HEAPSTREAM_RAW_TOPIC", Topics.DEFAULT_RAW),
                url, podsUrl,
                Path.of(r.or("HEAPSTREAM_KUBELET_TOKEN_FILE", SA_DIR + "token")),
                Path.of(r.or("HEAPSTREAM_KUBELET_CA_FILE", SA_DIR + "ca.crt")),
                insecure, timeout, maxResponse, interval, mode, refresh,
                new LabelFilter(list(env.get("HEAPSTREAM_LABEL_INCLUDE")), list(env.get("HEAPSTREAM_LABEL_EXCLUDE"))),
                buffer, compression, Map.of(), plaintextToken);
    }

    /** The same config with extra producer settings. */
    public CollectorConfig withKafkaProperties(Map<String, String> properties) {
        return new CollectorConfig(cluster, nodeName, kafkaBootstrap, rawTopic, kubeletUrl, kubeletPodsUrl, tokenFile,
                caFile, insecureSkipVerify, kubeletTimeout, maxResponseBytes, scrapeInterval, metadata,
                metadataRefresh, labels, bufferMaxBytes, compression, properties, allowPlaintextToken);
    }

    @Override
    public String toString() {
        return "CollectorConfig[cluster=" + cluster + ", node=" + nodeName + ", kafka=" + kafkaBootstrap
                + ", topic=" + rawTopic + ", kubeletUrl=" + kubeletUrl + ", podsUrl=" + kubeletPodsUrl
                + ", tokenFile=" + tokenFile + ", caFile=" + caFile + ", insecureSkipVerify=" + insecureSkipVerify
                + ", allowPlaintextToken=" + allowPlaintextToken
                + ", timeout=" + kubeletTimeout + ", maxResponseBytes=" + maxResponseBytes
                + ", interval=" + scrapeInterval + ", metadata=" + metadata + ", metadataRefresh=" + metadataRefresh
                + ", labels=" + labels + ", bufferMaxBytes=" + bufferMaxBytes + ", compression=" + compression
                + ", kafkaProperties=" + kafkaProperties.keySet() + " (values hidden)]";
    }

    private static boolean present(String s) {
        return s != null && !s.isBlank();
    }

    private static URI httpUri(String text) {
        URI uri = URI.create(text.strip());
        if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme())) {
            throw new IllegalArgumentException("expected an http(s) URL, got '" + text + "'");
        }
        return uri;
    }

    /** {@code 15s}, {@code 500ms}, {@code 2m}, {@code 1h}, or ISO-8601 {@code PT15S}; positive. */
    static Duration duration(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        Duration d;
        if (t.startsWith("pt")) {
            d = Duration.parse(t);
        } else if (t.endsWith("ms")) {
            d = Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
        } else if (t.endsWith("s")) {
            d = Duration.ofSeconds(Long.parseLong(t.substring(0, t.length() - 1)));
        } else if (t.endsWith("m")) {
            d = Duration.ofMinutes(Long.parseLong(t.substring(0, t.length() - 1)));
        } else if (t.endsWith("h")) {
            d = Duration.ofHours(Long.parseLong(t.substring(0, t.length() - 1)));
        } else {
            throw new IllegalArgumentException("expected a duration like 15s, 500ms or 2m, got '" + text + "'");
        }
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException("must be positive, got '" + text + "'");
        }
        return d;
    }

    private static long bytes(String text) {
        Long bytes = Quantities.bytes(text);
        if (bytes == null || bytes <= 0) {
            throw new IllegalArgumentException("expected a positive size like 12Mi or 1048576, got '" + text + "'");
        }
        return bytes;
    }

    private static boolean bool(String text) {
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "1" -> true;
            case "false", "no", "0", "" -> false;
            default -> throw new IllegalArgumentException("expected true or false, got '" + text + "'");
        };
    }

    private static List<String> list(String text) {
        if (!present(text)) {
            return List.of();
        }
        return Arrays.stream(text.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    /** Collects problems instead of failing on the first. */
    private static final class Reader {
        private final Map<String, String> env;
        private final List<String> problems = new ArrayList<>();

        Reader(Map<String, String> env) {
            this.env = env;
        }

        String or(String key, String fallback) {
            String value = env.get(key);
            return present(value) ? value.strip() : fallback;
        }

        String required(String key, String flag, String value) {
            if (!present(value)) {
                problems.add(flag + " / " + key + ": required");
            }
            return value;
        }

        <T> T parse(String key, String flag, String value, Function<String, T> parser) {
            if (value == null) {
                return null;
            }
            try {
                return parser.apply(value);
            } catch (RuntimeException e) {
                problems.add(flag + " / " + key + ": " + e.getMessage());
                return null;
            }
        }

        void bad(String key, String flag, String problem) {
            problems.add(flag + " / " + key + ": " + problem);
        }

        void throwIfBad() {
            if (!problems.isEmpty()) {
                throw new IllegalArgumentException("invalid collector settings: " + String.join("; ", problems));
            }
        }
    }
}
