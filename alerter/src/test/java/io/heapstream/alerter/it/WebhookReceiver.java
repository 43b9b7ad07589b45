package io.heapstream.alerter.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.heapstream.model.Json;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** A webhook receiver on 127.0.0.1 (the JDK's HTTP server) that keeps every JSON body posted to each path. */
final class WebhookReceiver implements AutoCloseable {
    record Received(String path, JsonNode body) { }

    private final HttpServer server;
    final List<Received> received = new CopyOnWriteArrayList<>();
    /** Requests still to refuse with 503, as a receiver that is down would. */
    final AtomicInteger refuse = new AtomicInteger();

    WebhookReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            try (exchange) {
                if (refuse.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                    exchange.sendResponseHeaders(503, -1);
                    return;
                }
                received.add(new Received(exchange.getRequestURI().getPath(),
                        Json.mapper().readTree(exchange.getRequestBody().readAllBytes())));
                exchange.sendResponseHeaders(200, -1);
            }
        });
        server.start();
    }

    URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    List<JsonNode> bodies(String path) {
        return received.stream().filter(r -> r.path().equals(path)).map(Received::body).toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
