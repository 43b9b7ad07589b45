package io.heapstream.api;

import io.heapstream.model.settings.Setting;
import io.heapstream.model.settings.SettingType;
import io.heapstream.writer.WriterSettings;
import java.util.List;

/** The settings of {@code heapstream api}, beside the shared ones (docs/api.md's table). */
public final class ApiSettings {
    public static final Setting<Integer> SECURE_PORT = Setting.flag("--secure-port", SettingType.INTEGER)
            .label("PORT").defaultValue("8443").check(p -> p >= 0 && p <= 65535, "must be a port from 0 to 65535")
            .description("HTTPS port of `metrics.k8s.io` (the APIService's Service targets it); `0` picks a free port");
    public static final Setting<String> SECURE_ADDRESS = Setting.flag("--secure-address", SettingType.STRING)
            .label("ADDRESS").defaultValue("127.0.0.1")
            .description("address the HTTPS server binds; `0.0.0.0` in a pod");
    public static final Setting<String> TLS_CERT_FILE = Setting.flag("--tls-cert-file", SettingType.STRING)
            .label("FILE").defaultNote("a self-signed certificate made at start")
            .description("serving certificate (PEM), e.g. a mounted Secret's `tls.crt`; with `--tls-private-key-file`");
    public static final Setting<String> TLS_PRIVATE_KEY_FILE = Setting.flag("--tls-private-key-file",
                    SettingType.STRING).label("FILE")
            .description("the serving certificate's private key (PEM), e.g. `tls.key`");
    public static final Setting<String> REQUESTHEADER_CLIENT_CA_FILE = Setting.flag("--requestheader-client-ca-file",
                    SettingType.STRING).label("FILE")
            .defaultNote("read from ConfigMap `kube-system/extension-apiserver-authentication`")
            .description("CA of the API server's front-proxy client certificate; only requests bearing one are served");
    public static final Setting<String> REQUESTHEADER_ALLOWED_NAMES = Setting.flag("--requestheader-allowed-names",
                    SettingType.STRING).label("NAME[,...]")
            .defaultNote("the ConfigMap's list; with `--requestheader-client-ca-file`, any name")
            .description("common names the front-proxy certificate may have");
    public static final Setting<String> AUTHORIZATION = Setting.flag("--authorization",
                    SettingType.oneOf("delegated", "front-proxy")).defaultValue("delegated")
            .description("`delegated`: a SubjectAccessReview per user and request (cached); `front-proxy`: allow"
                    + " what the API server proxied, since it has already applied its RBAC (docs/api.md)");
    public static final Setting<java.time.Duration> AUTHORIZATION_CACHE_TTL = Setting.flag("--authorization-cache-ttl",
                    SettingType.DURATION).defaultValue("10s")
            .description("how long a SubjectAccessReview's answer is reused");
    public static final Setting<java.time.Duration> METRIC_RESOLUTION = Setting.flag("--metric-resolution",
                    SettingType.DURATION).defaultValue("15s")
            .description("the collectors' scrape interval (metrics-server's rule for containers that just started)");
    public static final Setting<java.time.Duration> METRICS_MAX_AGE = Setting.flag("--metrics-max-age",
                    SettingType.DURATION).defaultValue("2m")
            .check(d -> !d.isZero(), "must be more than zero")
            .description("a node whose latest scrape is older is not served; also how far back the raw topic is"
                    + " read at start");
    public static final Setting<Integer> API_THREADS = Setting.flag("--api-threads", SettingType.INTEGER)
            .defaultValue("4").check(n -> n >= 1, "must be at least 1").description("threads answering requests");

    public static final Setting<Integer> MODEL_PORT = Setting.flag("--model-port", SettingType.INTEGER)
            .label("PORT").defaultValue("8082").check(p -> p >= -1 && p <= 65535, "must be a port, 0, or -1")
            .description("HTTP port of Heapster's model API (`/api/v1/model/...`, Heapster's port); `0` picks a"
                    + " free port, `-1` turns the model API off");
    public static final Setting<String> MODEL_ADDRESS = Setting.flag("--model-address", SettingType.STRING)
            .label("ADDRESS").defaultValue("127.0.0.1")
            .description("address the model API binds; it is unauthenticated, as Heapster's was");
    public static final Setting<java.time.Duration> MODEL_RESOLUTION = Setting.flag("--model-resolution",
                    SettingType.DURATION).defaultValue("1m")
            .description("the rollup topic the model API reads (its base resolution)");
    public static final Setting<java.time.Duration> MODEL_RETENTION = Setting.flag("--model-retention",
                    SettingType.DURATION).defaultValue("15m").check(d -> !d.isZero(), "must be more than zero")
            .description("history the model API holds, per series (Heapster kept 15 minutes)");


    // InfluxDB, for the model API's longer ranges: the writer's declarations (same flags, variables and parsers),
    // with what they mean to this role; the password settings are the writer's as they are.
    public static final Setting<String> INFLUX_URL = WriterSettings.INFLUX_URL
            .defaultNote("none: the model API serves what the rollup topic holds")
            .description("InfluxDB 1.x the writer fills (native schema): model API ranges older than"
                    + " `--model-retention` are read from it");
    public static final Setting<String> INFLUX_DB = WriterSettings.INFLUX_DB.defaultNote("`heapstream`")
            .description("the writer's database (`--schema native`)");
    public static final Setting<String> INFLUX_RETENTION_POLICY = Setting.flag("--influx-retention-policy",
                    SettingType.STRING).label("NAME")
            .defaultNote("the writer's policy of `--model-resolution`: `rp_1m`")
            .description("retention policy the model API reads");
    public static final Setting<String> INFLUX_USER = WriterSettings.INFLUX_USER;
    public static final Setting<String> INFLUX_PASSWORD = WriterSettings.INFLUX_PASSWORD;
    public static final Setting<String> INFLUX_PASSWORD_FILE = WriterSettings.INFLUX_PASSWORD_FILE;
    public static final Setting<java.time.Duration> INFLUX_TIMEOUT = WriterSettings.INFLUX_TIMEOUT
            .description("connect and read timeout of one InfluxDB query");

    public static final List<Setting<?>> ALL = List.of(SECURE_PORT, SECURE_ADDRESS, TLS_CERT_FILE,
            TLS_PRIVATE_KEY_FILE, REQUESTHEADER_CLIENT_CA_FILE, REQUESTHEADER_ALLOWED_NAMES, AUTHORIZATION,
            AUTHORIZATION_CACHE_TTL, METRIC_RESOLUTION, METRICS_MAX_AGE, API_THREADS, MODEL_PORT, MODEL_ADDRESS,
            MODEL_RESOLUTION, MODEL_RETENTION, INFLUX_URL, INFLUX_DB, INFLUX_RETENTION_POLICY, INFLUX_USER,
            INFLUX_PASSWORD, INFLUX_PASSWORD_FILE, INFLUX_TIMEOUT);

    private ApiSettings() { }
}
