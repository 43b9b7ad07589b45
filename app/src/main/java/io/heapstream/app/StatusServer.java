package io.heapstream.app;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

/**
 * {@code /healthz} (the process is alive), {@code /readyz} (the role does its job: e.g. Streams RUNNING) and
 * {@code /metrics} (Prometheus text format) for every role, on one small JDK HTTP server.
 *
 * <p>The JDK server reads a request on an executor thread, so one client that sends half a request holds that
 * thread. A few workers keep {@code /healthz} answering beside such a client, and the server's own request and
 * response time limits close the connection, so a handful of them cannot hold every worker for long either.
 */
public final class StatusServer implements AutoCloseable {
    static final int WORKERS = 4;
    /** How long a client may take to send its request, and to read the answer: probes take milliseconds. */
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);
    static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(10);

    static {
        // The JDK server reads its limits from these properties once, when its first instance is built (so
        // before HttpServer.create below); an operator's own -D setting wins.
        setIfAbsent("sun.net.httpserver.maxReqTime", REQUEST_TIMEOUT.toSeconds());
        setIfAbsent("sun.net.httpserver.maxRspTime", RESPONSE_TIMEOUT.toSeconds());
        // With those limits set the server checks them on a timer thread of its own, every second by default: a
        // wake-up a second in every process, the collector's on every node. Half the request limit is enough
        // (a stalled client is cut off within 1.5 of it); issue 19's all-in benchmark measured the timer.
        setIfAbsent("sun.net.httpserver.timerMillis", REQUEST_TIMEOUT.toMillis() / 2);
    }

    private final HttpServer server;
    private final ExecutorService workers;
    private final AtomicBoolean closed = new AtomicBoolean();

    private StatusServer(HttpServer server, ExecutorService workers) {
        this.server = server;
        this.workers = workers;
    }

    private static void setIfAbsent(String property, long value) {
        if (System.getProperty(property) == null) {
            System.setProperty(property, Long.toString(value));
        }
    }

    /** Starts serving; {@code port} 0 picks a free port, see {@link #port()}. */
    public static StatusServer start(String address, int port, PrometheusMeterRegistry registry,
                                     BooleanSupplier live, BooleanSupplier ready) {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(address, port), 16);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serve status on " + address + ":" + port
                    + " (--http-port / HEAPSTREAM_HTTP_PORT): " + e.getMessage(), e);
        }
        server.createContext("/healthz", exchange -> probe(exchange, live));
        server.createContext("/readyz", exchange -> probe(exchange, ready));
        server.createContext("/metrics", exchange ->
                respond(exchange, 200, "text/plain; version=0.0.4; charset=utf-8", registry.scrape()));
        var workers = Executors.newFixedThreadPool(WORKERS, runnable -> {
            var thread = new Thread(runnable, "status-http");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(workers);
        server.start();
        return new StatusServer(server, workers);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private static void probe(HttpExchange exchange, BooleanSupplier check) throws IOException {
        boolean ok;
        try {
            ok = check.getAsBoolean();
        } catch (RuntimeException e) {
            ok = false;
        }
        respond(exchange, ok ? 200 : 503, "text/plain; charset=utf-8", ok ? "ok\n" : "not ready\n");
    }

    private static void respond(HttpExchange exchange, int status, String contentType, String body)
            throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length);
        try (var out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            server.stop(0);
            workers.shutdownNow();
        }
    }
}
