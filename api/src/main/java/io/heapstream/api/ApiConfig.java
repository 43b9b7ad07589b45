package io.heapstream.api;

import static io.heapstream.api.ApiSettings.API_THREADS;
import static io.heapstream.api.ApiSettings.INFLUX_DB;
import static io.heapstream.api.ApiSettings.INFLUX_RETENTION_POLICY;
import static io.heapstream.api.ApiSettings.INFLUX_TIMEOUT;
import static io.heapstream.api.ApiSettings.INFLUX_URL;
import static io.heapstream.api.ApiSettings.INFLUX_USER;
import static io.heapstream.api.ApiSettings.AUTHORIZATION;
import static io.heapstream.api.ApiSettings.AUTHORIZATION_CACHE_TTL;
import static io.heapstream.api.ApiSettings.METRICS_MAX_AGE;
import static io.heapstream.api.ApiSettings.METRIC_RESOLUTION;
import static io.heapstream.api.ApiSettings.MODEL_ADDRESS;
import static io.heapstream.api.ApiSettings.MODEL_PORT;
import static io.heapstream.api.ApiSettings.MODEL_RESOLUTION;
import static io.heapstream.api.ApiSettings.MODEL_RETENTION;
import static io.heapstream.api.ApiSettings.REQUESTHEADER_ALLOWED_NAMES;
import static io.heapstream.api.ApiSettings.REQUESTHEADER_CLIENT_CA_FILE;
import static io.heapstream.api.ApiSettings.SECURE_ADDRESS;
import static io.heapstream.api.ApiSettings.SECURE_PORT;
import static io.heapstream.api.ApiSettings.TLS_CERT_FILE;
import static io.heapstream.api.ApiSettings.TLS_PRIVATE_KEY_FILE;

import io.heapstream.model.Topic;
import io.heapstream.model.Topics;
import io.heapstream.model.raw.RawScrape;
import io.heapstream.model.rollup.Rollup;
import io.heapstream.model.rollup.RollupKey;
import io.heapstream.model.settings.CommonSettings;
import io.heapstream.model.settings.SettingsReader;
import io.heapstream.writer.WriterConfig;
import io.heapstream.writer.schema.NativeSchema;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;

/**
 * Everything {@code heapstream api} runs with, read once from the settings ({@link ApiSettings} and the shared
 * ones); {@link #from} names every bad value in one message.
 *
 * @param kafka            consumer settings, bootstrap servers included
 * @param cluster          the cluster served, or {@code null} for every cluster on the raw topic
 * @param allowedNames     front-proxy certificate names; {@code null} when they come from the ConfigMap
 * @param frontProxyStatic {@code --authorization front-proxy}
 * @param modelPort        {@code -1} when the model API is off
 * @param rollupTopic      the base-resolution rollup topic the model API reads
 * @param influx           where the model API reads ranges older than its retention; {@code null} without
 *                         {@code --influx-url}
 */
public record ApiConfig(Map<String, String> kafka, Topic<String, RawScrape> rawTopic, String cluster,
                        String secureAddress, int securePort, String tlsCertFile, String tlsKeyFile,
                        String requestheaderCaFile, List<String> allowedNames, boolean frontProxyStatic,
                        Duration authorizationTtl, Duration resolution, Duration maxAge, int threads,
                        String modelAddress, int modelPort, Topic<RollupKey, Rollup> rollupTopic,
                        Duration modelRetention, Influx influx) {

    /** The InfluxDB the writer fills, as the model API reads it; {@link #toString()} masks the password. */
    public record Influx(String url, String database, String retentionPolicy, String user, String password,
                         Duration timeout) {
        /** The URL as logs and headers may show it: credentials written into it are left out. */
        public String shownUrl() {
            int scheme = url.indexOf("://");
            int at = url.indexOf('@');
            int path = url.indexOf('/', scheme + 3);
            return scheme < 0 || at < 0 || path >= 0 && at > path ? url
                    : url.substring(0, scheme + 3) + url.substring(at + 1);
        }

        @Override
        public String toString() {
            return "Influx[url=" + shownUrl() + ", database=" + database + ", retentionPolicy=" + retentionPolicy
                    + ", user=" + user + ", password=" + (password == null ? "none" : "****") + ", timeout="
                    + timeout + "]";
        }
    }

    /**
     * Reads the settings from {@code values} (variables by name, flags laid over them); {@code kafkaExtra} comes
     * from {@code --kafka-config}.
     */
    public static ApiConfig from(Map<String, String> values, Map<String, String> kafkaExtra) {
        var r = new SettingsReader("api", values);
        var kafka = new HashMap<>(kafkaExtra);
        kafka.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, r.get(CommonSettings.KAFKA_BOOTSTRAP));
        var rawTopic = Topics.raw(r.get(CommonSettings.RAW_TOPIC));
        var cluster = r.get(CommonSettings.CLUSTER);
        var cert = r.get(TLS_CERT_FILE);
        var key = r.get(TLS_PRIVATE_KEY_FILE);
        if ((cert == null) != (key == null)) {
            r.problem(cert == null ? TLS_CERT_FILE : TLS_PRIVATE_KEY_FILE,
                    "give both --tls-cert-file and --tls-private-key-file, or neither for a self-signed certificate");
        }
        var names = r.get(REQUESTHEADER_ALLOWED_NAMES);
        var caFile = r.get(REQUESTHEADER_CLIENT_CA_FILE);
        List<String> allowed = names != null
                ? Arrays.stream(names.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList()
                : caFile != null ? List.of() : null;
        var config = new ApiConfig(Map.copyOf(kafka), rawTopic, cluster, r.get(SECURE_ADDRESS), r.get(SECURE_PORT),
                cert, key, caFile, allowed, r.get(AUTHORIZATION).equals("front-proxy"),
                r.get(AUTHORIZATION_CACHE_TTL), r.get(METRIC_RESOLUTION), r.get(METRICS_MAX_AGE), r.get(API_THREADS),
                r.get(MODEL_ADDRESS), r.get(MODEL_PORT), rollupTopic(r), r.get(MODEL_RETENTION), influx(r));
        r.throwIfInvalid();
        return config;
    }

    /** Only when {@code --influx-url} is given: the writer's default URL is no reason to ask an InfluxDB. */
    private static Influx influx(SettingsReader r) {
        if (!r.isSet(INFLUX_URL)) {
            return null;
        }
        var resolution = r.get(MODEL_RESOLUTION);
        String policy;
        try {
            policy = new NativeSchema(NativeSchema.DEFAULT_DATABASE, Map.of(resolution, Duration.ZERO))
                    .retentionPolicy(resolution);
        } catch (IllegalArgumentException e) {
            policy = null; // the resolution itself is reported by rollupTopic
        }
        return new Influx(r.get(INFLUX_URL), r.get(INFLUX_DB, NativeSchema.DEFAULT_DATABASE),
                r.get(INFLUX_RETENTION_POLICY, policy), r.get(INFLUX_USER), WriterConfig.password(r),
                r.get(INFLUX_TIMEOUT));
    }

    private static Topic<RollupKey, Rollup> rollupTopic(SettingsReader r) {
        var resolution = r.get(MODEL_RESOLUTION);
        try {
            return Topics.rollup(r.get(CommonSettings.ROLLUP_TOPIC_PREFIX) + Topics.suffix(resolution));
        } catch (IllegalArgumentException e) {
            r.problem(MODEL_RESOLUTION, e.getMessage());
            return Topics.rollup(Duration.ofMinutes(1));
        }
    }
}
