package io.heapstream.api.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.heapstream.api.metrics.MetricsApi.Answer;
import io.heapstream.api.model.ModelApi;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Heapster's model API on plain HTTP, as Heapster served it on its own port (8082): read-only, unauthenticated,
 * so it binds loopback unless told otherwise and belongs behind a ClusterIP Service or a port-forward.
 */
public final class ModelServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ModelServer.class);

    private final HttpServer server;
    private final ExecutorService executor;
    private final ModelApi api;
    private final AtomicBoolean closed = new AtomicBoolean();

    private ModelServer(HttpServer server, ExecutorService executor, ModelApi api) {
        this.server = server;
        this.executor = executor;
        this.api = api;
    }

    public static ModelServer start(String address, int port, int threads, ModelApi api) {
        HttpServer http;
        try {
            http = HttpServer.create(new InetSocketAddress(address, port), 64);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serve the model API on " + address + ":" + port
                    + " (--model-port / HEAPSTREAM_MODEL_PORT): " + e.getMessage(), e);
        }
        var executor = Executors.newFixedThreadPool(threads, runnable -> {
            var thread = new Thread(runnable, "api-model-http");
            thread.setDaemon(true);
            return thread;
        });
        http.setExecutor(executor);
        var model = new ModelServer(http, executor, api);
        http.createContext("/", model::handle);
        http.start();
        return model;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            var path = exchange.getRequestURI().getPath();
            if (!exchange.getRequestMethod().equals("GET")) {
                Exchanges.answer(exchange, new Answer(405, "405: Method Not Allowed"));
            } else if (!ModelApi.serves(path)) {
                Exchanges.answer(exchange, new Answer(404, "404: Page Not Found"));
            } else {
                Exchanges.answer(exchange, api.get(path, Exchanges.query(exchange.getRequestURI().getRawQuery())));
            }
        } catch (RuntimeException e) {
            LOG.warn("api: model request {} failed: {}", exchange.getRequestURI(), e.toString(), e);
            Exchanges.answer(exchange, new Answer(500, "500: Internal Server Error"));
        }
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
