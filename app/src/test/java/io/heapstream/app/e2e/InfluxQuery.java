package io.heapstream.app.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;

/** InfluxQL over InfluxDB's HTTP API, read with Jackson: nothing of the writer's code on the way back. */
public final class InfluxQuery {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String url;
    private final String database;

    public InfluxQuery(String url, String database) {
        this.url = url;
        this.database = database;
    }

    /** Every point of every measurement of a retention policy with a time before {@code before}. */
    public List<InfluxPoint> points(String retentionPolicy, Instant before) {
        var q = "SELECT * FROM \"" + database + "\".\"" + retentionPolicy + "\"./.*/ WHERE time < "
                + before.toEpochMilli() + "ms GROUP BY *";
        var points = new ArrayList<InfluxPoint>();
        for (var series : series(q)) {
            var tags = new HashMap<String, String>();
            series.path("tags").fields().forEachRemaining(t -> {
                if (!t.getValue().asText().isEmpty()) {
                    tags.put(t.getKey(), t.getValue().asText());
                }
            });
            var columns = series.path("columns");
            for (var row : series.path("values")) {
                var fields = new HashMap<String, Double>();
                for (int i = 1; i < columns.size(); i++) {
                    if (!row.get(i).isNull()) {
                        fields.put(columns.get(i).asText(), row.get(i).asDouble());
                    }
                }
                points.add(new InfluxPoint(retentionPolicy, series.path("name").asText(), tags,
                        row.get(0).asLong(), fields));
            }
        }
        return points;
    }

    /** The {@code series} of a one-statement query's result (times in ms); fails on an InfluxDB error. */
    public List<JsonNode> series(String q) {
        var result = query(q).path("results").path(0);
        if (result.has("error")) {
            throw new IllegalStateException("InfluxDB: " + result.get("error").asText() + " for " + q);
        }
        var series = new ArrayList<JsonNode>();
        result.path("series").forEach(series::add);
        return series;
    }

    /** The names of every database on the server. */
    public List<String> databases() {
        var names = new ArrayList<String>();
        for (var result : query("SHOW DATABASES").path("results")) {
            for (var series : result.path("series")) {
                series.path("values").forEach(row -> names.add(row.get(0).asText()));
            }
        }
        return names;
    }

    private JsonNode query(String q) {
        var uri = URI.create(url + "/query?epoch=ms&db=" + enc(database) + "&q=" + enc(q));
        try {
            var response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("InfluxDB answered " + response.statusCode() + ": " + response.body());
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("cannot query InfluxDB at " + url + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted querying InfluxDB", e);
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
