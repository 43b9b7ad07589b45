package io.heapstream.collector;

import io.heapstream.model.settings.Setting;
import io.heapstream.model.settings.SettingType;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * The collector's own settings, declared once: its flags, {@code --help}, {@link CollectorConfig#fromMap} and the
 * table in docs/collector.md all come from here. The shared ones (Kafka, topics, {@code --cluster}) are in
 * {@link io.heapstream.model.settings.CommonSettings}.
 */
public final class CollectorSettings {
    public static final String SA_DIR = "/var/run/secrets/kubernetes.io/serviceaccount/";

    private static final SettingType<URI> URL = SettingType.of("url", "URL", CollectorSettings::httpUri);
    private static final SettingType<List<String>> KEYS = SettingType.of("list", "KEY[,...]", CollectorSettings::list);

    public static final Setting<String> NODE_NAME = Setting.flag("--node-name", SettingType.STRING).label("NAME")
            .required().defaultNote("`$NODE_NAME`").description("this node (downward API `spec.nodeName`)");
    public static final Setting<String> NODE_IP = Setting.envOnly("HEAPSTREAM_NODE_IP", SettingType.STRING)
            .defaultNote("`$NODE_IP`").description("this node's IP (downward API `status.hostIP`), for the default"
                    + " `--kubelet-url`");
    public static final Setting<URI> KUBELET_URL = Setting.flag("--kubelet-url", URL)
            .defaultNote("`https://$HEAPSTREAM_NODE_IP:10250/stats/summary` (IPv6 gets brackets)")
            .description("the Summary API; plain `http://` only when the URL says so");
    public static final Setting<String> KUBELET_SOURCE = Setting.flag("--kubelet-source",
                    SettingType.oneOf("direct", "apiserver")).defaultValue("direct")
            .description("`apiserver`: `https://$KUBERNETES_SERVICE_HOST:$KUBERNETES_SERVICE_PORT/api/v1/nodes/<node>"
                    + "/proxy/stats/summary`, for clusters where pods cannot reach port 10250");
    public static final Setting<URI> KUBELET_PODS_URL = Setting.flag("--kubelet-pods-url", URL)
            .defaultNote("the summary URL with `/stats/summary` → `/pods`")
            .description("the kubelet's pod list, for `--metadata kubelet`");
    public static final Setting<String> KUBELET_TOKEN_FILE = Setting.flag("--kubelet-token-file", SettingType.STRING)
            .label("FILE").defaultValue(SA_DIR + "token").description("bearer token, **read again on every request**"
                    + " (projected tokens rotate); no header when the file is missing");
    public static final Setting<String> KUBELET_CA_FILE = Setting.flag("--kubelet-ca-file", SettingType.STRING)
            .label("FILE").defaultValue(SA_DIR + "ca.crt").description("PEM bundle the kubelet's certificate must"
                    + " chain to; host name / IP SAN checked too");
    public static final Setting<Boolean> KUBELET_INSECURE_SKIP_VERIFY = Setting.flag("--kubelet-insecure-skip-verify",
                    SettingType.BOOLEAN).defaultValue("false")
            .description("accept any certificate (kubelets with self-signed serving certificates); logged as a"
                    + " WARN and exposed as a gauge");
    public static final Setting<Boolean> KUBELET_ALLOW_PLAINTEXT_TOKEN = Setting.flag(
                    "--kubelet-allow-plaintext-token", SettingType.BOOLEAN).defaultValue("false")
            .description("send the bearer token to an `http://` kubelet URL, in clear (refused otherwise: such"
                    + " scrapes fail with reason `plaintext_token`)");
    public static final Setting<Duration> KUBELET_TIMEOUT = Setting.flag("--kubelet-timeout", SettingType.DURATION)
            .check(d -> !d.isZero(), "must be positive")
            .defaultNote("`10s`, or ⅔ of `--scrape-interval` when that is shorter")
            .description("the whole request, body included; must not exceed the interval");
    public static final Setting<Long> KUBELET_MAX_RESPONSE_BYTES = Setting.flag("--kubelet-max-response-bytes",
                    SettingType.BYTES).defaultValue("4Mi").check(n -> n > 0, "must be positive")
            // Forty times the largest Summary in the fixtures (93 KB) and an eighth of the collector's 32 MiB
            // heap: a body is held twice while it becomes one array, so a cap near the heap ended in
            // OutOfMemoryError instead of `too_large`.
            .description("a larger body is abandoned mid-download (`too_large`); keep it well below the heap");
    public static final Setting<Duration> SCRAPE_INTERVAL = Setting.flag("--scrape-interval", SettingType.DURATION)
            .defaultValue("15s").check(d -> !d.isZero(), "must be positive")
            .description("the grid of wall-clock multiples to scrape on");
    public static final Setting<MetadataMode> METADATA = Setting.flag("--metadata",
                    SettingType.of("metadata", "api|on|kubelet|off", text -> MetadataMode.parse(text, true)))
            .defaultNote("`api` in a cluster (`KUBERNETES_SERVICE_HOST` set), else `off`")
            .description("where pod metadata comes from: `api` (= `on`, informers), `kubelet` (its `/pods`) or"
                    + " `off` (modes below)");
    public static final Setting<Duration> METADATA_REFRESH = Setting.flag("--metadata-refresh", SettingType.DURATION)
            .defaultValue("60s").check(d -> !d.isZero(), "must be positive")
            .description("how old the kubelet's pod list may get in `kubelet` mode");
    public static final Setting<List<String>> LABEL_INCLUDE = Setting.flag("--label-include", KEYS)
            .defaultNote("all").description("label keys to keep, comma-separated; `prefix*` allowed");
    public static final Setting<List<String>> LABEL_EXCLUDE = Setting.flag("--label-exclude", KEYS)
            .description("label keys to drop (wins over include)");
    /**
     * About ten minutes of 15 s scrapes of a 110-pod node: its record is ~295 KB as JSON, and records that wait
     * are kept deflated (docs/collector.md has the measured sizes).
     */
    public static final Setting<Long> BUFFER_MAX_BYTES = Setting.flag("--buffer-max-bytes", SettingType.BYTES)
            .defaultValue("8Mi").check(n -> n > 0, "must be positive")
            .description("scrapes kept while the broker is away; the oldest are dropped beyond it (sizes below)");
    public static final Setting<String> COMPRESSION = Setting.flag("--compression",
                    SettingType.oneOf("none", "gzip", "snappy", "lz4", "zstd")).defaultValue("zstd")
            .description("producer compression (measured below)");

    public static final Setting<String> MODE = Setting.flag("--mode", SettingType.oneOf("daemonset", "pooled"))
            .defaultValue("daemonset").description("`daemonset`: scrape this node; `pooled`: one of a few replicas,"
                    + " each scraping a shard of the nodes the API server lists (docs/collector.md, pooled mode)");
    public static final Setting<String> KUBELET_URL_TEMPLATE = Setting.flag("--kubelet-url-template",
                    SettingType.STRING).label("TEMPLATE")
            .defaultNote("`https://{address}:{port}/stats/summary`, or the API server proxy's with `--kubelet-source"
                    + " apiserver`")
            .description("`pooled` only: each node's Summary URL; `{node}`, `{address}` (InternalIP) and `{port}`"
                    + " (the kubelet's) are filled in from the Node");
    public static final Setting<String> SHARD_TOPIC = Setting.flag("--shard-topic", SettingType.STRING)
            .label("TOPIC").defaultValue("heapstream-collector-shards")
            .description("`pooled` only: the empty topic whose partitions are the shards; the replicas share them"
                    + " as one consumer group (created if missing)");
    public static final Setting<Integer> SHARDS = Setting.flag("--shards", SettingType.INTEGER).defaultValue("64")
            .check(n -> n > 0, "must be positive")
            .description("`pooled` only: partitions of a `--shard-topic` created here; an existing topic keeps its"
                    + " own count");
    public static final Setting<Integer> SCRAPE_WORKERS = Setting.flag("--scrape-workers", SettingType.INTEGER)
            .defaultValue("8").check(n -> n > 0, "must be positive")
            .description("`pooled` only: scrapes in flight at once");

    /** In the order of the docs table. */
    public static final List<Setting<?>> ALL = List.of(NODE_NAME, NODE_IP, KUBELET_URL, KUBELET_SOURCE,
            KUBELET_PODS_URL, KUBELET_TOKEN_FILE, KUBELET_CA_FILE, KUBELET_INSECURE_SKIP_VERIFY,
            KUBELET_ALLOW_PLAINTEXT_TOKEN, KUBELET_TIMEOUT,
            KUBELET_MAX_RESPONSE_BYTES, SCRAPE_INTERVAL, METADATA, METADATA_REFRESH, LABEL_INCLUDE, LABEL_EXCLUDE,
            BUFFER_MAX_BYTES, COMPRESSION, MODE, KUBELET_URL_TEMPLATE, SHARD_TOPIC, SHARDS, SCRAPE_WORKERS);

    private CollectorSettings() { }

    static URI httpUri(String text) {
        URI uri = URI.create(text.strip());
        if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme())) {
            throw new IllegalArgumentException("expected an http(s) URL, got '" + text + "'");
        }
        return uri;
    }

    private static List<String> list(String text) {
        return Arrays.stream(text.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
