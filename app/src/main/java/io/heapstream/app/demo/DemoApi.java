package io.heapstream.app.demo;

import io.heapstream.api.ApiConfig;
import io.heapstream.api.ApiService;
import io.heapstream.api.http.Certificates;
import io.heapstream.model.Topics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/**
 * The demo's query role: {@code heapstream api} on the demo's broker, serving the first simulated cluster. With
 * no API server around, the demo plays its front proxy: it makes a throwaway requestheader CA and a client
 * certificate in a temporary directory, so the printed {@code curl} line works as kube-apiserver's proxying would.
 * When the demo has an InfluxDB, the model API reads ranges older than its retention from it, as the writer fills it.
 */
final class DemoApi implements AutoCloseable {
    private static final String PROXY_NAME = "front-proxy-client";

    private final ApiService service;
    private final ApiConfig config;
    private final Path dir;

    private DemoApi(ApiService service, ApiConfig config, Path dir) {
        this.service = service;
        this.config = config;
        this.dir = dir;
    }

    static DemoApi start(DemoSettings settings, String bootstrap, String cluster, InfluxChoice influx) {
        Path dir;
        try {
            dir = Files.createTempDirectory("heapstream-demo-api-");
            var ca = Certificates.authority("heapstream-demo-front-proxy-ca");
            var proxy = Certificates.client(PROXY_NAME, ca);
            Files.writeString(dir.resolve("proxy-ca.crt"), ca.certificatePem());
            Files.writeString(dir.resolve("proxy.crt"), proxy.certificatePem());
            Files.writeString(dir.resolve("proxy.key"), proxy.keyPem());
            Files.setPosixFilePermissions(dir.resolve("proxy.key"), PosixFilePermissions.fromString("rw-------"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the demo's front-proxy certificates: " + e.getMessage(), e);
        }
        var config = config(settings, bootstrap, cluster, influx, dir);
        var service = new ApiService(config, new SimpleMeterRegistry(), Clock.systemUTC(), () -> {
            throw new IllegalStateException("the demo's api talks to no Kubernetes API server");
        });
        service.start();
        return new DemoApi(service, config, dir);
    }

    /** The role's settings in the demo; {@code dir} holds the stand-in front proxy's CA. */
    static ApiConfig config(DemoSettings settings, String bootstrap, String cluster, InfluxChoice influx, Path dir) {
        var values = new HashMap<>(influx.roleSettings(settings.influxDb()));
        values.putAll(Map.of(
                "HEAPSTREAM_KAFKA_BOOTSTRAP", bootstrap,
                "HEAPSTREAM_CLUSTER", cluster,
                "HEAPSTREAM_SECURE_PORT", "0",
                "HEAPSTREAM_MODEL_PORT", "0",
                "HEAPSTREAM_REQUESTHEADER_CLIENT_CA_FILE", dir.resolve("proxy-ca.crt").toString(),
                "HEAPSTREAM_REQUESTHEADER_ALLOWED_NAMES", PROXY_NAME,
                "HEAPSTREAM_AUTHORIZATION", "front-proxy",
                "HEAPSTREAM_METRIC_RESOLUTION", Topics.suffix(settings.scrapeInterval()),
                "HEAPSTREAM_MODEL_RESOLUTION", Topics.suffix(settings.window())));
        return ApiConfig.from(values, Map.of());
    }

    ApiConfig config() {
        return config;
    }

    /** Where the answers come from, in words: the topics, and InfluxDB for the model API's longer ranges. */
    static String sources(ApiConfig config) {
        return config.influx() == null ? "from the topics" : "from the topics; model API ranges older than "
                + Topics.suffix(config.modelRetention()) + " (start=...) from InfluxDB";
    }

    /** Heapster's guide's example, on the model API. */
    String modelCurl() {
        return "curl -s http://127.0.0.1:" + service.modelPort()
                + "/api/v1/model/namespaces/kube-system/metrics/memory/usage";
    }

    /** What {@code kubectl top nodes} reads, through the demo's stand-in front proxy. */
    String metricsCurl() {
        return "curl -sk --cert " + dir.resolve("proxy.crt") + " --key " + dir.resolve("proxy.key")
                + " -H 'X-Remote-User: demo' https://127.0.0.1:" + service.securePort()
                + "/apis/metrics.k8s.io/v1beta1/nodes";
    }

    @Override
    public void close() {
        service.stop();
        try (var files = Files.list(dir)) {
            for (var file : files.toList()) {
                Files.deleteIfExists(file);
            }
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            // a temporary directory left behind; nothing to tell the user
        }
    }
}
