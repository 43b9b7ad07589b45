package io.heapstream.collector;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A kubelet on 127.0.0.1 whose answer a test sets: a body, a status, a stall, a body cut short. It records the
 * {@code Authorization} header of every request.
 */
final class FakeKubelet implements AutoCloseable {
    /** What the next requests get. */
    interface Answer {
        void answer(HttpExchange exchange) throws IOException;
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final CountDownLatch released = new CountDownLatch(1);
    final List<String> authorizations = new CopyOnWriteArrayList<>();
    private volatile Answer summary = status(404);
    private volatile Answer pods = status(404);

    FakeKubelet() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.createContext("/stats/summary", exchange -> handle(exchange, summary));
        server.createContext("/pods", exchange -> handle(exchange, pods));
        server.setExecutor(executor);
        server.start();
    }

    private void handle(HttpExchange exchange, Answer answer) throws IOException {
        authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
        try (exchange) {
            answer.answer(exchange);
        }
    }

    URI summaryUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/stats/summary");
    }

    URI podsUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/pods");
    }

    void summary(Answer answer) {
        this.summary = answer;
    }

    void pods(Answer answer) {
        this.pods = answer;
    }

    static Answer body(byte[] body) {
        return exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
        };
    }

    static Answer status(int status) {
        return exchange -> exchange.sendResponseHeaders(status, -1);
    }

    /** Answers nothing until the fake is closed: a kubelet that hangs. */
    Answer hang() {
        return exchange -> await();
    }

    /** Sends the headers and half the body, then hangs. */
    Answer stallMidBody(byte[] body) {
        return exchange -> {
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body, 0, body.length / 2);
            exchange.getResponseBody().flush();
            await();
        };
    }

    private void await() {
        try {
            released.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        released.countDown();
        server.stop(0);
        executor.shutdownNow();
    }
}
