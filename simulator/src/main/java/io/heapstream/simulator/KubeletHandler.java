package io.heapstream.simulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Routes {@code /<cluster>/<node>/<path>} to the fleet, applying the node's fault if it has one. */
final class KubeletHandler implements HttpHandler {
    private static final Logger LOG = LoggerFactory.getLogger(KubeletHandler.class);

    private final KubeletSimulator simulator;

    KubeletHandler(KubeletSimulator simulator) {
        this.simulator = simulator;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!simulator.authorized(exchange)) {
                send(exchange, 401, "text/plain", "Unauthorized\n".getBytes(StandardCharsets.UTF_8));
                return;
            }
            if (!"GET".equals(exchange.getRequestMethod())) {
                send(exchange, 405, "text/plain", "only GET\n".getBytes(StandardCharsets.UTF_8));
                return;
            }
            route(exchange);
        } catch (IOException | RuntimeException e) {
            // a client that went away mid-answer (timeouts in fault tests) is expected
            LOG.debug("kubelet simulator answer failed path={} reason={}", exchange.getRequestURI(), e.toString());
        }
    }

    private void route(HttpExchange exchange) throws IOException {
        var fleet = simulator.fleet();
        var path = exchange.getRequestURI().getPath();
        if (path.equals("/")) {
            send(exchange, 200, "application/json", index().getBytes(StandardCharsets.UTF_8));
            return;
        }
        var parts = path.substring(1).split("/", 3);
        if (parts.length < 3 || !fleet.hasNode(parts[0], parts[1])) {
            send(exchange, 404, "text/plain", ("no such node or path: " + path + "\n")
                    .getBytes(StandardCharsets.UTF_8));
            return;
        }
        var cluster = parts[0];
        var node = parts[1];
        var rest = parts[2].endsWith("/") ? parts[2].substring(0, parts[2].length() - 1) : parts[2];
        var key = NodeRef.keyOf(cluster, node);
        if (rest.equals("stats/summary")) {
            simulator.countSummary(key);
        }
        var fault = simulator.faultOf(key);
        if (fault instanceof Fault.Status status) {
            send(exchange, status.code(), "text/plain", ("simulated failure " + status.code() + "\n")
                    .getBytes(StandardCharsets.UTF_8));
            return;
        }
        if (fault instanceof Fault.Delay delay) {
            try {
                Thread.sleep(delay.delay().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        var now = simulator.clock().instant();
        byte[] body;
        switch (rest) {
            case "stats/summary" -> body = fleet.summaryJson(cluster, node, now).getBytes(StandardCharsets.UTF_8);
            case "pods" -> body = fleet.podsJson(cluster, node, now).getBytes(StandardCharsets.UTF_8);
            case "healthz" -> {
                send(exchange, 200, "text/plain", "ok".getBytes(StandardCharsets.UTF_8));
                return;
            }
            default -> {
                send(exchange, 404, "text/plain", ("no such path: " + path + "\n").getBytes(StandardCharsets.UTF_8));
                return;
            }
        }
        if (fault instanceof Fault.Truncate) {
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, 0); // chunked: the body just ends early
            exchange.getResponseBody().write(body, 0, body.length / 2);
            return;
        }
        send(exchange, 200, "application/json", body);
    }

    private String index() {
        var json = new JsonText(64 + 96 * simulator.fleet().nodeRefs().size()).begin().array("nodes");
        for (var ref : simulator.fleet().nodeRefs()) {
            json.begin().field("cluster", ref.cluster()).field("node", ref.node())
                    .field("url", simulator.kubeletUrl(ref.cluster(), ref.node())).end();
        }
        return json.endArray().end().toString();
    }

    private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
    }
}
