package io.heapstream.api.http;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import io.heapstream.api.metrics.LatestScrapes;
import io.heapstream.api.metrics.MetricsApi;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * The API over real TLS as an aggregated API server sees it: a serving certificate, a front-proxy CA and the
 * client certificate the API server's proxy would present; fabric8 clients that present it (or not).
 */
final class AggregatedServer implements AutoCloseable {
    static final Certificates.Issued SERVING = Certificates.selfSigned("heapstream-api", List.of("127.0.0.1"));
    static final Certificates.Issued FRONT_PROXY_CA = Certificates.authority("front-proxy-ca");
    static final Certificates.Issued PROXY = Certificates.client("front-proxy-client", FRONT_PROXY_CA);
    static final FrontProxy AUTHENTICATION = new FrontProxy(Set.of("front-proxy-client"),
            FrontProxy.DEFAULT_USER_HEADERS, FrontProxy.DEFAULT_GROUP_HEADERS, FrontProxy.DEFAULT_EXTRA_PREFIXES);

    final ApiServer server;

    AggregatedServer(LatestScrapes state, Authorizer authorizer, Clock clock) {
        this(state, authorizer, clock, () -> true);
    }

    AggregatedServer(LatestScrapes state, Authorizer authorizer, Clock clock, BooleanSupplier ready) {
        var tls = TlsContexts.server(List.of(SERVING.certificate()), SERVING.key(),
                List.of(FRONT_PROXY_CA.certificate()));
        server = ApiServer.start("127.0.0.1", 0, 2, tls, AUTHENTICATION, authorizer, new MetricsApi(state, clock),
                ready);
    }

    /** A client that comes through the front proxy as {@code user}. */
    KubernetesClient proxiedAs(String user, String group) {
        return client(PROXY, Map.of("X-Remote-User", user, "X-Remote-Group", group));
    }

    /** A client with {@code certificate} (null: none) and the given headers. */
    KubernetesClient client(Certificates.Issued certificate, Map<String, String> headers) {
        var config = new ConfigBuilder(Config.empty())
                .withMasterUrl("https://127.0.0.1:" + server.port())
                .withCaCertData(base64(SERVING.certificatePem()))
                .withCustomHeaders(headers)
                .withRequestRetryBackoffLimit(0);
        if (certificate != null) {
            config.withClientCertData(base64(certificate.certificatePem()))
                    .withClientKeyData(base64(certificate.keyPem()));
        }
        return new KubernetesClientBuilder().withConfig(config.build())
                .withHttpClientFactory(new JdkHttpClientFactory()).build();
    }

    private static String base64(String pem) {
        return Base64.getEncoder().encodeToString(pem.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        server.close();
    }
}
