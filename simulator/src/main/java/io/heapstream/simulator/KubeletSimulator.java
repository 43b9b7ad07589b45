package io.heapstream.simulator;

import static java.util.Objects.requireNonNull;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every node of a {@link Fleet} as a kubelet on one local HTTP(S) port: {@code GET /<cluster>/<node>/stats/summary}
 * (Summary API), {@code /<cluster>/<node>/pods} (PodList) and {@code /<cluster>/<node>/healthz}; {@code GET /}
 * lists the nodes. Each answer is the node at the grid slot of the injected clock's current time, so a
 * collector scraping on the grid sees counters advance. Binds 127.0.0.1 only.
 */
public final class KubeletSimulator implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(KubeletSimulator.class);

    private final Fleet fleet;
    private final Clock clock;
    private final String bearerToken;
    private final HttpServer server;
    private final ExecutorService executor;
    private final String baseUrl;
    private final Map<String, Fault> faults = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> summaryRequests = new ConcurrentHashMap<>();

    private KubeletSimulator(Builder b) throws IOException {
        this.fleet = b.fleet;
        this.clock = b.clock;
        this.bearerToken = b.bearerToken;
        var address = new InetSocketAddress(InetAddress.getLoopbackAddress(), b.port);
        if (b.keyStore != null) {
            var https = HttpsServer.create(address, 128);
            https.setHttpsConfigurator(new HttpsConfigurator(sslContext(b.keyStore, b.keyPassword)));
            this.server = https;
        } else {
            this.server = HttpServer.create(address, 128);
        }
        var threads = new AtomicInteger();
        this.executor = Executors.newCachedThreadPool(r -> {
            var t = new Thread(r, "kubelet-sim-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", new KubeletHandler(this));
        server.start();
        this.baseUrl = (b.keyStore != null ? "https" : "http") + "://127.0.0.1:" + server.getAddress().getPort();
        LOG.info("kubelet simulator serving nodes={} at url={} tls={} token={}", fleet.nodeRefs().size(), baseUrl,
                b.keyStore != null, bearerToken != null ? "required" : "none");
    }

    /** Plain HTTP on a free port, with that clock. */
    public static KubeletSimulator start(Fleet fleet, Clock clock) throws IOException {
        return builder(fleet).clock(clock).start();
    }

    public static Builder builder(Fleet fleet) {
        return new Builder(fleet);
    }

    /** {@code http://127.0.0.1:PORT} or {@code https://...}. */
    public String baseUrl() {
        return baseUrl;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** The base a collector appends {@code /stats/summary} and {@code /pods} to, for one node. */
    public String kubeletUrl(String cluster, String node) {
        fleet.nodes(cluster); // fails fast on an unknown cluster
        return baseUrl + "/" + cluster + "/" + node;
    }

    public Fleet fleet() {
        return fleet;
    }

    /** From now on the node misbehaves this way, on every path, until {@link #clearFault}. */
    public void fault(String cluster, String node, Fault fault) {
        faults.put(NodeRef.keyOf(cluster, node), requireNonNull(fault, "fault"));
    }

    public void clearFault(String cluster, String node) {
        faults.remove(NodeRef.keyOf(cluster, node));
    }

    public void clearFaults() {
        faults.clear();
    }

    /** How many {@code /stats/summary} requests for the node were answered (faulty answers included). */
    public long summaryRequests(String cluster, String node) {
        var adder = summaryRequests.get(NodeRef.keyOf(cluster, node));
        return adder == null ? 0 : adder.sum();
    }

    /** Stops serving at once; idempotent. */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    Clock clock() {
        return clock;
    }

    Fault faultOf(String key) {
        return faults.get(key);
    }

    void countSummary(String key) {
        summaryRequests.computeIfAbsent(key, k -> new LongAdder()).increment();
    }

    /** Constant-time comparison, so the token cannot be guessed byte by byte from response times. */
    boolean authorized(HttpExchange exchange) {
        if (bearerToken == null) {
            return true;
        }
        var header = exchange.getRequestHeaders().getFirst("Authorization");
        var expected = ("Bearer " + bearerToken).getBytes(StandardCharsets.UTF_8);
        return header != null && MessageDigest.isEqual(expected, header.getBytes(StandardCharsets.UTF_8));
    }

    private static SSLContext sslContext(KeyStore keyStore, char[] password) {
        try {
            var kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keyStore, password);
            var context = SSLContext.getInstance("TLS");
            context.init(kmf.getKeyManagers(), null, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot serve TLS with this key store: " + e.getMessage(), e);
        }
    }

    /** Options: clock (system UTC by default), port (0 = a free one), TLS, a required bearer token. */
    public static final class Builder {
        private final Fleet fleet;
        private Clock clock = Clock.systemUTC();
        private int port;
        private KeyStore keyStore;
        private char[] keyPassword;
        private String bearerToken;

        private Builder(Fleet fleet) {
            this.fleet = requireNonNull(fleet, "fleet");
        }

        public Builder clock(Clock value) {
            this.clock = requireNonNull(value, "clock");
            return this;
        }

        public Builder port(int value) {
            this.port = value;
            return this;
        }

        /** Serve HTTPS with the key (and certificate chain) in this store. */
        public Builder https(KeyStore store, char[] password) {
            this.keyStore = requireNonNull(store, "store");
            this.keyPassword = password == null ? new char[0] : password.clone();
            return this;
        }

        /** Answer 401 unless a request carries {@code Authorization: Bearer <token>}. */
        public Builder bearerToken(String token) {
            this.bearerToken = token;
            return this;
        }

        public KubeletSimulator start() throws IOException {
            return new KubeletSimulator(this);
        }
    }
}
