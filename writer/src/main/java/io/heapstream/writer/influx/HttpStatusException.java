package io.heapstream.writer.influx;

import java.io.IOException;

/**
 * A non-2xx answer to a write, with its status. influxdb-java turns error answers into exceptions that keep the
 * body but lose the status; an interceptor throws this instead, and influxdb-java wraps it as the cause of its
 * {@code InfluxDBIOException}, where {@link InfluxClient} finds it again.
 */
final class HttpStatusException extends IOException {
    private final int status;

    HttpStatusException(int status, String body) {
        super("HTTP " + status + ": " + body);
        this.status = status;
    }

    int status() {
        return status;
    }
}
