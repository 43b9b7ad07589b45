package io.heapstream.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.heapstream.local.InfluxServer;
import org.junit.jupiter.api.Test;

class InfluxServerIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void sharedInfluxReturnsAPointWrittenWithLineProtocol() throws Exception {
        var url = TestServices.influxUrl();
        var db = TestServices.unique("smoke");
        query(url, "CREATE DATABASE " + db);

        write(url, db, "node,cluster=c1,node=n1 cpu_usage_rate_avg=250.5 1700000000000000000");

        var series = select(url, db, "SELECT cpu_usage_rate_avg FROM node WHERE node = 'n1'");
        assertThat(series.path("values").get(0).get(1).asDouble()).isEqualTo(250.5);
        assertThat(series.path("values").get(0).get(0).asText()).isEqualTo("2023-11-14T22:13:20Z");
    }

    @Test
    void stoppedInfluxRestartsOnTheSamePortWithItsData() throws Exception {
        try (var server = InfluxServer.launch()) {
            query(server.url(), "CREATE DATABASE kept");
            write(server.url(), "kept", "pod,pod=p1 memory_working_set_max=1024i 1700000000000000000");

            server.stop();
            assertThat(server.isRunning()).isFalse();
            server.start();

            var series = select(server.url(), "kept", "SELECT memory_working_set_max FROM pod");
            assertThat(series.path("values").get(0).get(1).asLong()).isEqualTo(1024);
        }
    }

    private static void write(String url, String db, String lines) throws Exception {
        var response = HTTP.send(HttpRequest.newBuilder(URI.create(url + "/write?db=" + db))
                .POST(HttpRequest.BodyPublishers.ofString(lines)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(204);
    }

    private static JsonNode query(String url, String statement) throws Exception {
        var response = HTTP.send(HttpRequest.newBuilder(URI.create(url + "/query"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("q=" + URLEncoder.encode(statement, StandardCharsets.UTF_8)))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    /** The first series of a SELECT's result. */
    private static JsonNode select(String url, String db, String statement) throws Exception {
        var response = HTTP.send(HttpRequest.newBuilder(URI.create(url + "/query?db=" + db + "&q="
                + URLEncoder.encode(statement, StandardCharsets.UTF_8))).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        var series = JSON.readTree(response.body()).path("results").get(0).path("series");
        assertThat(series.isArray()).as(response.body()).isTrue();
        return series.get(0);
    }
}
