package io.heapstream.app.heapster;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.fabric8.kubernetes.client.NamespacedKubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The reference's setup, live: a kubelet per peer on its own loopback address 127.0.0.N (plain HTTP,
 * {@code GET /stats/summary} answered from the test's clock by {@link LiveCapture}), and one fabric8 mock API
 * server (CRUD mode) holding every peer's pods, its Node and the namespaces ({@link PeerObjects}).
 */
final class PeerFleet implements AutoCloseable {
    private final Map<Peer, URI> summaryUrls = new LinkedHashMap<>();
    private final List<HttpServer> kubelets = new ArrayList<>();
    private final KubernetesMockServer apiServer;
    private final NamespacedKubernetesClient client;

    PeerFleet(Clock clock) {
        Instant started = clock.instant();
        apiServer = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new KubernetesCrudDispatcher(), false);
        apiServer.init(InetAddress.getLoopbackAddress(), 0);
        client = apiServer.createClient();
        try {
            PeerObjects.namespaces().forEach(ns -> client.namespaces().resource(ns).create());
            for (Peer peer : Peer.ALL) {
                var capture = new LiveCapture(peer.capture(), peer.name(), started);
                client.nodes().resource(PeerObjects.node(peer)).create();
                PeerObjects.pods(peer, capture.renamed()).forEach(pod ->
                        client.pods().inNamespace(pod.getMetadata().getNamespace()).resource(pod).create());
                summaryUrls.put(peer, serve(peer, capture, clock));
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    private URI serve(Peer peer, LiveCapture capture, Clock clock) {
        try {
            var server = HttpServer.create(new InetSocketAddress(InetAddress.getByName(peer.address()), 0), 16);
            server.createContext("/stats/summary", exchange -> answer(exchange, capture.at(clock.instant())));
            server.start();
            kubelets.add(server);
            return URI.create("http://" + peer.address() + ":" + server.getAddress().getPort() + "/stats/summary");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serve " + peer.name() + " on " + peer.address(), e);
        }
    }

    private static void answer(HttpExchange exchange, byte[] body) throws IOException {
        try (exchange) {
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
        }
    }

    Map<Peer, URI> summaryUrls() {
        return summaryUrls;
    }

    /** A client of the mock API server; closed with the fleet. */
    NamespacedKubernetesClient apiClient() {
        return client;
    }

    @Override
    public void close() {
        kubelets.forEach(server -> server.stop(0));
        if (client != null) {
            client.close();
        }
        apiServer.destroy();
    }
}
