package io.heapstream.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Probes keep answering while clients hold connections with half-sent requests (a slow or hostile client). */
class StatusServerTest {
    private final List<Socket> halfRequests = new ArrayList<>();
    private StatusServer server;

    @BeforeEach
    void start() {
        server = StatusServer.start("127.0.0.1", 0, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
                () -> true, () -> true);
    }

    @AfterEach
    void stop() throws IOException {
        for (Socket socket : halfRequests) {
            socket.close();
        }
        server.close();
    }

    @Test
    void healthzAnswersWhileAClientHoldsHalfARequest() throws Exception {
        holdHalfRequest();

        assertThat(healthz(Duration.ofSeconds(3))).isEqualTo(200);
    }

    @Test
    void halfRequestsOnEveryWorkerAreCutOffAndHealthzAnswersAgain() throws Exception {
        for (int i = 0; i < StatusServer.WORKERS + 2; i++) {
            holdHalfRequest();
        }

        // The server closes the stalled connections after its request timeout, which frees the workers.
        assertThat(healthz(StatusServer.REQUEST_TIMEOUT.plusSeconds(5))).isEqualTo(200);
        var stalled = halfRequests.get(0);
        stalled.setSoTimeout(5_000);
        assertThat(readOrReset(stalled)).isEqualTo(-1);
    }

    @Test
    void timeoutsAreCheckedEveryHalfRequestTimeoutNotEverySecond() {
        // The JDK server's default is a timer wake-up a second in every role's process (issue 19).
        assertThat(System.getProperty("sun.net.httpserver.timerMillis"))
                .isEqualTo(String.valueOf(StatusServer.REQUEST_TIMEOUT.toMillis() / 2));
    }

    private void holdHalfRequest() throws IOException {
        var socket = new Socket(InetAddress.getLoopbackAddress(), server.port());
        // Request line and one header, but never the blank line that ends the headers.
        socket.getOutputStream().write("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n".getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        halfRequests.add(socket);
    }

    private static int readOrReset(Socket socket) {
        try {
            return socket.getInputStream().read();
        } catch (SocketTimeoutException e) {
            return -2;   // still open: not cut off
        } catch (IOException e) {
            return -1;   // reset counts as closed
        }
    }

    private int healthz(Duration timeout) throws Exception {
        var client = HttpClient.newBuilder().connectTimeout(timeout).build();
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/healthz"))
                .timeout(timeout).build();
        return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
