package io.heapstream.bench.collector;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.Executors;

/**
 * The benchmark's kubelet, in its own JVM so that serving bytes is not billed to the collector: serves a
 * synthetic node of N pods at {@code /stats/summary} and {@code /pods} on 127.0.0.1, prints its port and the
 * summary's size (and, with a second argument {@code api}, the URL of a mock API server holding the same pods), and
 * exits when its standard input closes (the parent is gone).
 */
public final class KubeletServerMain {
    private KubeletServerMain() { }

    public static void main(String[] args) throws Exception {
        var node = SyntheticNode.of(Integer.parseInt(args[0]));
        var server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.createContext("/stats/summary", exchange -> {
            try (exchange) {
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, node.summary().length);
                exchange.getResponseBody().write(node.summary());
            }
        });
        server.createContext("/pods", exchange -> {
            try (exchange) {
                exchange.sendResponseHeaders(200, node.podList().length);
                exchange.getResponseBody().write(node.podList());
            }
        });
        server.setExecutor(Executors.newFixedThreadPool(2));
        server.start();
        String api;
        try {
            api = args.length > 1 && args[1].equals("api") ? " " + ApiServer.start(node) : "";
        } catch (RuntimeException e) {
            // Exit, so that the parent sees the kubelet end instead of waiting for its first line for ever.
            e.printStackTrace();
            System.exit(1);
            return;
        }
        // Marked: the mock API server's libraries may log to standard output too.
        System.out.println("kubelet " + server.getAddress().getPort() + " " + node.summary().length + api);
        System.out.flush();
        while (System.in.read() >= 0) {
            // Runs until the parent closes our input.
        }
        server.stop(0);
        System.exit(0);
    }
}
