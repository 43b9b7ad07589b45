package io.heapstream.api;

import static io.heapstream.api.ApiSettings.REQUESTHEADER_CLIENT_CA_FILE;
import static io.heapstream.api.ApiSettings.TLS_CERT_FILE;
import static io.heapstream.api.ApiSettings.TLS_PRIVATE_KEY_FILE;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import io.heapstream.api.http.ApiServer;
import io.heapstream.api.http.ModelServer;
import io.heapstream.api.http.Authorizer;
import io.heapstream.api.http.Certificates;
import io.heapstream.api.http.RequestHeaderTrust;
import io.heapstream.api.http.SubjectAccessReviews;
import io.heapstream.api.http.TlsContexts;
import io.heapstream.api.metrics.LatestScrapes;
import io.heapstream.api.metrics.MetricsApi;
import io.heapstream.api.model.InfluxHistory;
import io.heapstream.api.model.ModelApi;
import io.heapstream.api.model.ModelStore;
import io.heapstream.model.rollup.Rollup;
import io.heapstream.model.rollup.RollupKey;
import io.heapstream.model.raw.RawScrape;
import io.heapstream.model.settings.SettingsException;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The query role: reads the raw topic into {@link LatestScrapes} and serves {@code metrics.k8s.io} over HTTPS;
 * reads the base rollup topic into {@link ModelStore} and serves Heapster's model API over HTTP.
 * Its own role rather than part of the aggregator because it scales with readers (the HPA, dashboards,
 * {@code kubectl top}), not with the fleet, and because its failure must not stop rollups, nor a rollup
 * rebalance stall the HPA (docs/api.md).
 */
public final class ApiService {
    private static final Logger LOG = LoggerFactory.getLogger(ApiService.class);

    private final ApiConfig config;
    private final Clock clock;
    private final Supplier<KubernetesClient> kubernetes;
    private final LatestScrapes state;
    private final TopicFeed<String, RawScrape> feed;
    private final ModelStore model;
    private final TopicFeed<RollupKey, Rollup> modelFeed;
    private InfluxHistory history;
    private KubernetesClient client;
    private ApiServer server;
    private ModelServer modelServer;
    private final List<Thread> threads = new ArrayList<>();

    /** {@code kubernetes} is asked for a client only when the ConfigMap or SubjectAccessReviews are needed. */
    public ApiService(ApiConfig config, MeterRegistry registry, Clock clock, Supplier<KubernetesClient> kubernetes) {
        this.config = config;
        this.clock = clock;
        this.kubernetes = kubernetes;
        this.state = new LatestScrapes(config.cluster(), config.resolution(), config.maxAge(), clock);
        this.feed = new TopicFeed<>(config.kafka(), config.rawTopic(), (key, scrape) -> state.apply(scrape),
                config.maxAge(), clock, registry);
        Gauge.builder("heapstream_api_nodes", state, LatestScrapes::nodeCount).register(registry);
        this.model = new ModelStore(config.cluster(), config.modelRetention(), clock);
        this.modelFeed = config.modelPort() < 0 ? null : new TopicFeed<>(config.kafka(), config.rollupTopic(),
                model::apply, config.modelRetention().plus(Duration.ofMinutes(2)), clock, registry);
    }

    /** A client from the pod's service account or kubeconfig, on the JDK's HTTP client. */
    public static KubernetesClient inClusterClient() {
        return new KubernetesClientBuilder().withHttpClientFactory(new JdkHttpClientFactory()).build();
    }

    /**
     * Starts the feeds and servers.
     *
     * @throws SettingsException when a certificate file, or the front-proxy CA, cannot be had: the user's to fix
     */
    public synchronized void start() {
        RequestHeaderTrust trust;
        try {
            trust = config.requestheaderCaFile() != null
                    ? RequestHeaderTrust.fromFile(Path.of(config.requestheaderCaFile()), config.allowedNames())
                    : RequestHeaderTrust.fromConfigMap(client(), config.allowedNames());
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new SettingsException("api", List.of(REQUESTHEADER_CLIENT_CA_FILE.names() + ": " + e.getMessage()));
        }
        Authorizer authorizer = config.frontProxyStatic() ? Authorizer.FRONT_PROXY
                : new SubjectAccessReviews(client(), config.authorizationTtl(), clock);
        var serving = serving();
        var tls = TlsContexts.server(serving.chain(), serving.key(), trust.authorities());
        startThread(feed, "api-raw-feed");
        server = ApiServer.start(config.secureAddress(), config.securePort(), config.threads(), tls,
                trust.frontProxy(), authorizer, new MetricsApi(state, clock), this::isReady);
        if (modelFeed != null) {
            startThread(modelFeed, "api-rollup-feed");
            history = config.influx() == null ? null : new InfluxHistory(config.influx(), config.cluster());
            modelServer = ModelServer.start(config.modelAddress(), config.modelPort(), config.threads(),
                    new ModelApi(model, clock, history));
            LOG.info("api: Heapster's model API on http://{}:{}/api/v1/model/ from {} ({} kept), older ranges from {}",
                    config.modelAddress(), modelServer.port(), config.rollupTopic().name(), config.modelRetention(),
                    config.influx() == null ? "nowhere (no --influx-url)" : config.influx());
        }
        LOG.info("api: metrics.k8s.io on https://{}:{} raw={} cluster={} authorization={} front-proxy names={}",
                config.secureAddress(), server.port(), config.rawTopic().name(),
                config.cluster() == null ? "(all)" : config.cluster(),
                config.frontProxyStatic() ? "front-proxy" : "delegated", trust.frontProxy().allowedNames());
    }

    public int securePort() {
        return server.port();
    }

    /** The model API's port, or -1 when it is off. */
    public int modelPort() {
        return modelServer == null ? -1 : modelServer.port();
    }

    /** Ready once both topics are read up to where they ended at start. */
    public boolean isReady() {
        return feed.isReady() && (modelFeed == null || modelFeed.isReady());
    }

    public boolean isAlive() {
        return feed.isAlive() && (modelFeed == null || modelFeed.isAlive());
    }

    private void startThread(Runnable runnable, String name) {
        var thread = new Thread(runnable, name);
        thread.setDaemon(true);
        thread.start();
        threads.add(thread);
    }

    /** Idempotent: the servers, then the feeds, then the InfluxDB and Kubernetes clients. */
    public synchronized void stop() {
        if (modelServer != null) {
            modelServer.close();
        }
        if (server != null) {
            server.close();
        }
        feed.stop();
        if (modelFeed != null) {
            modelFeed.stop();
        }
        for (var thread : threads) {
            try {
                thread.join(Duration.ofSeconds(10).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (history != null) {
            history.close();
            history = null;
        }
        if (client != null) {
            client.close();
            client = null;
        }
    }

    private KubernetesClient client() {
        if (client == null) {
            client = kubernetes.get();
        }
        return client;
    }

    private record Serving(List<X509Certificate> chain, PrivateKey key) { }

    private Serving serving() {
        if (config.tlsCertFile() == null) {
            var hosts = List.of("localhost", "127.0.0.1", hostName());
            LOG.info("api: no --tls-cert-file: serving a self-signed certificate for {}", hosts);
            var issued = Certificates.selfSigned("heapstream-api", hosts);
            return new Serving(List.of(issued.certificate()), issued.key());
        }
        try {
            var chain = Certificates.readCertificates(Files.readString(Path.of(config.tlsCertFile())),
                    config.tlsCertFile());
            var key = Certificates.readKey(Files.readString(Path.of(config.tlsKeyFile())), config.tlsKeyFile());
            return new Serving(chain, key);
        } catch (IOException | IllegalArgumentException e) {
            throw new SettingsException("api", List.of(TLS_CERT_FILE.names() + " / " + TLS_PRIVATE_KEY_FILE.flag()
                    + ": cannot read the serving certificate and key: " + e.getMessage()));
        }
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }
}
