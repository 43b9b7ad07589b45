package io.heapstream.writer.influx;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import org.influxdb.InfluxDBIOException;
import org.junit.jupiter.api.Test;

class InfluxWriteExceptionTest {

    @Test
    void badRequestAndTooLargeAreAboutThePoints() {
        assertThat(new InfluxWriteException(400, "HTTP 400: unable to parse", null).invalidPoints()).isTrue();
        assertThat(new InfluxWriteException(413, "HTTP 413: too large", null).invalidPoints()).isTrue();
        assertThat(new InfluxWriteException(503, "HTTP 503", null).invalidPoints()).isFalse();
        assertThat(new InfluxWriteException(401, "HTTP 401: authorization failed", null).invalidPoints()).isFalse();
    }

    @Test
    void clientTimeoutAndInfluxWriteTimeoutAreTimeouts() {
        var readTimeout = new InfluxDBIOException(new SocketTimeoutException("timeout"));
        var refused = new InfluxDBIOException(new ConnectException("Connection refused"));

        assertThat(new InfluxWriteException(0, "timeout", readTimeout).timedOut()).isTrue();
        assertThat(new InfluxWriteException(500, "HTTP 500: {\"error\":\"timeout\"}", null).timedOut()).isTrue();
        assertThat(new InfluxWriteException(0, "refused", refused).timedOut()).isFalse();
        assertThat(new InfluxWriteException(500, "HTTP 500: engine error", null).timedOut()).isFalse();
    }

    @Test
    void databaseNotFoundIsRecognisedByStatusOrMessage() {
        assertThat(new InfluxWriteException(404, "HTTP 404: {\"error\":\"database not found: \\\"x\\\"\"}", null)
                .databaseNotFound()).isTrue();
        assertThat(new InfluxWriteException(503, "HTTP 503", null).databaseNotFound()).isFalse();
    }
}
