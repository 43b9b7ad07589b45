package io.heapstream.alerter.delivery;

import io.heapstream.model.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** One receiver URL: POSTs JSON, and anything but a 2xx answer is a failure with a one-line reason. */
final class HttpTarget {
    private final String kind;
    private final URI uri;
    private final HttpClient http;
    private final Duration timeout;

    HttpTarget(String kind, URI uri, HttpClient http, Duration timeout) {
        this.kind = kind;
        this.uri = uri;
        this.http = http;
        this.timeout = timeout;
    }

    String kind() {
        return kind;
    }

    URI uri() {
        return uri;
    }

    /** Sends; returns null on success, else why not. */
    String post(Object body) throws InterruptedException {
        try {
            var request = HttpRequest.newBuilder(uri).timeout(timeout).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(Json.mapper().writeValueAsBytes(body))).build();
            var response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 == 2) {
                return null;
            }
            var text = response.body().strip();
            return "HTTP " + response.statusCode() + (text.isEmpty() ? "" : ": "
                    + text.lines().findFirst().orElse("").substring(0, Math.min(200, text.length())));
        } catch (IOException e) {
            return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        }
    }
}
