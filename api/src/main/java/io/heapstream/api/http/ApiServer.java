package io.heapstream.api.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import io.heapstream.api.metrics.MetricsApi;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The aggregated APIService's HTTPS endpoint, on the JDK's HttpsServer (the routes are few and fixed, so no
 * framework): {@code /healthz}, {@code /livez}, {@code /readyz} open to probes; everything else only for a
 * verified front-proxy request ({@link FrontProxy}) that the {@link Authorizer} allows, answered by
 * {@link MetricsApi}. Refusals are Kubernetes {@code Status} objects like the API server's own.
 */
public final class ApiServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);

    private final HttpsServer server;
    private final ExecutorService executor;
    private final FrontProxy frontProxy;
    private final Authorizer authorizer;
    private final MetricsApi metrics;
    private final BooleanSupplier ready;
    private final AtomicBoolean closed = new AtomicBoolean();

    private ApiServer(HttpsServer server, ExecutorService executor, FrontProxy frontProxy, Authorizer authorizer,
                      MetricsApi metrics, BooleanSupplier ready) {
        this.server = server;
        this.executor = executor;
        this.frontProxy = frontProxy;
        this.authorizer = authorizer;
        this.metrics = metrics;
        this.ready = ready;
    }

    /** Starts serving on {@code address:port} ({@code port} 0 picks a free one, see {@link #port()}). */
    public static ApiServer start(String address, int port, int threads, SSLContext tls, FrontProxy frontProxy,
                                  Authorizer authorizer, MetricsApi metrics, BooleanSupplier ready) {
        HttpsServer https;
        try {
            https = HttpsServer.create(new InetSocketAddress(address, port), 128);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serve the API on " + address + ":" + port
                    + " (--secure-port / HEAPSTREAM_SECURE_PORT): " + e.getMessage(), e);
        }
        https.setHttpsConfigurator(new HttpsConfigurator(tls) {
            @Override
            public void configure(HttpsParameters params) {
                var parameters = tls.getDefaultSSLParameters();
                parameters.setWantClientAuth(true); // a certificate is asked for, and believed only if it verifies
                params.setSSLParameters(parameters);
            }
        });
        var executor = Executors.newFixedThreadPool(threads, runnable -> {
            var thread = new Thread(runnable, "api-https");
            thread.setDaemon(true);
            return thread;
        });
        https.setExecutor(executor);
        var api = new ApiServer(https, executor, frontProxy, authorizer, metrics, ready);
        https.createContext("/", api::handle);
        https.start();
        return api;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            var path = exchange.getRequestURI().getPath();
            if (path.equals("/healthz") || path.equals("/livez")) {
                Exchanges.text(exchange, 200, "ok\n");
                return;
            }
            if (path.equals("/readyz")) {
                boolean ok = ready.getAsBoolean();
                Exchanges.text(exchange, ok ? 200 : 503,
                        ok ? "ok\n" : "not ready: state not rebuilt from the topics yet\n");
                return;
            }
            if (!exchange.getRequestMethod().equals("GET")) {
                status(exchange, 405, "MethodNotAllowed", "the server does not allow this method on the requested"
                        + " resource");
                return;
            }
            var user = frontProxy.authenticate(((HttpsExchange) exchange).getSSLSession(),
                    exchange.getRequestHeaders());
            if (user.isEmpty()) {
                status(exchange, 401, "Unauthorized", "Unauthorized");
                return;
            }
            var query = Exchanges.query(exchange.getRequestURI().getRawQuery());
            var request = Requests.of(path, query);
            if (!authorizer.allows(user.get(), request)) {
                status(exchange, 403, "Forbidden", request.forbidden(user.get().name()));
                return;
            }
            var answer = metrics.get(path, query);
            Exchanges.answer(exchange, answer);
        } catch (RuntimeException e) {
            LOG.warn("api: request {} failed: {}", exchange.getRequestURI(), e.toString(), e);
            status(exchange, 500, "InternalError", "Internal error occurred: " + e.getMessage());
        }
    }

    private static void status(HttpExchange exchange, int code, String reason, String message) throws IOException {
        Exchanges.json(exchange, code, Map.of("kind", "Status", "apiVersion", "v1", "metadata", Map.of(),
                "status", "Failure", "message", message, "reason", reason, "code", code));
    }

    /** Idempotent. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            server.stop(0);
            executor.shutdownNow();
        }
    }
}
