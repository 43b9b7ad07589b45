package io.heapstream.writer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.heapstream.writer.influx.InfluxClient;
import io.heapstream.writer.schema.NativeSchema;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Setting up with a user that may only write, answered as InfluxDB 1.x answers a user granted WRITE only. */
class InfluxSetupTest {
    private static final NativeSchema SCHEMA = new NativeSchema("heapstream", Map.of(Duration.ofMinutes(1),
            Duration.ofDays(7)));
    private final HttpServer influx = writeOnlyUsersView();

    @AfterEach
    void stop() {
        influx.stop(0);
    }

    @Test
    void writeOnlyUserWithNoCreateStartsWithoutSeeingThePolicies() {
        try (var client = client()) {
            assertThat(new InfluxSetup(client, SCHEMA, false).ensure()).isEmpty();
        }
    }

    @Test
    void writeOnlyUserThatIsToldToCreateStillFailsSoTheOperatorHearsOfIt() {
        try (var client = client()) {
            assertThatThrownBy(() -> new InfluxSetup(client, SCHEMA, true).ensure())
                    .hasMessageContaining("not authorized");
        }
    }

    private InfluxClient client() {
        return InfluxClient.connect("http://127.0.0.1:" + influx.getAddress().getPort(), "writer", "secret",
                "heapstream", Duration.ofSeconds(5), false);
    }

    /** SHOW DATABASES lists the database; SHOW RETENTION POLICIES is refused with 403, as influxd 1.6 does. */
    private static HttpServer writeOnlyUsersView() {
        try {
            var server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/query", exchange -> {
                String request = URLDecoder.decode(exchange.getRequestURI().getRawQuery() + "&"
                        + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8),
                        StandardCharsets.UTF_8);
                int status = 200;
                String body = "{\"results\":[{\"statement_id\":0,\"series\":[{\"name\":\"databases\","
                        + "\"columns\":[\"name\"],\"values\":[[\"heapstream\"]]}]}]}";
                if (request.contains("SHOW RETENTION POLICIES")) {
                    status = 403;
                    body = "{\"error\":\"error authorizing query: writer not authorized to execute statement"
                            + " 'SHOW RETENTION POLICIES ON heapstream', requires READ on heapstream\"}";
                }
                byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(status, bytes.length);
                exchange.getResponseBody().write(bytes);
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
