package io.heapstream.api.http;

import com.fasterxml.jackson.databind.JsonSerializable;
import com.sun.net.httpserver.HttpExchange;
import io.heapstream.api.metrics.MetricsApi.Answer;
import io.heapstream.model.Json;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** Reading a JDK server exchange's query and writing answers: JSON objects, or plain text for errors. */
final class Exchanges {
    private Exchanges() { }

    /** The query parameters, URL-decoded; the first value of a repeated one. */
    static Map<String, String> query(String raw) {
        var result = new HashMap<String, String>();
        if (raw == null || raw.isEmpty()) {
            return result;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            var key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            var value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            result.putIfAbsent(key, value);
        }
        return result;
    }

    /** A text body as {@code text/plain} (with a newline), anything else as JSON. */
    static void answer(HttpExchange exchange, Answer answer) throws IOException {
        if (answer.warning() != null) {
            // RFC 7234's "miscellaneous warning", as the API server sends its warnings
            exchange.getResponseHeaders().set("Warning", "199 heapstream \""
                    + answer.warning().replace("\\", "\\\\").replace("\"", "\\\"") + "\"");
        }
        if (answer.body() instanceof String text) {
            text(exchange, answer.status(), text + "\n");
        } else {
            json(exchange, answer.status(), answer.body());
        }
    }

    /**
     * A body that writes itself ({@link JsonSerializable}: the pod lists) is streamed in chunks as it is written,
     * never held whole; others are sent with their length.
     */
    static void json(HttpExchange exchange, int code, Object body) throws IOException {
        if (body instanceof JsonSerializable) {
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(code, 0);
            Json.mapper().writeValue(exchange.getResponseBody(), body);
            return;
        }
        send(exchange, code, "application/json", Json.mapper().writeValueAsBytes(body));
    }

    static void text(HttpExchange exchange, int code, String body) throws IOException {
        send(exchange, code, "text/plain; charset=utf-8", body.getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange exchange, int code, String type, byte[] bytes) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(code, bytes.length == 0 ? -1 : bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
