package io.heapstream.writer.influx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class InfluxBatchWriterTest {

    /** Behaves like InfluxDB 1.x: a request with a bad line stores the good ones and answers 400 naming the bad. */
    private static final class PartialWriteSink implements LineSink {
        final Set<String> stored = new LinkedHashSet<>();
        final List<Integer> requestSizes = new ArrayList<>();
        int status5xx;
        int timeoutAbove = Integer.MAX_VALUE;

        @Override
        public void write(String retentionPolicy, List<String> lines) throws InfluxWriteException {
            requestSizes.add(lines.size());
            if (status5xx > 0) {
                throw new InfluxWriteException(status5xx, "HTTP 503: overloaded", null);
            }
            if (lines.size() > timeoutAbove) {
                throw new InfluxWriteException(500, "HTTP 500: {\"error\":\"timeout\"}", null);
            }
            String bad = null;
            for (String line : lines) {
                if (line.contains("bad")) {
                    bad = bad == null ? line : bad;
                } else {
                    stored.add(line);
                }
            }
            if (bad != null) {
                throw new InfluxWriteException(400, "HTTP 400: partial write: field type conflict: " + bad, null);
            }
        }
    }

    private final PartialWriteSink sink = new PartialWriteSink();
    private final InfluxBatchWriter writer = new InfluxBatchWriter(sink);

    @Test
    void acceptedBatchIsOneRequest() throws Exception {
        var result = writer.write("rp_1m", lines(100));

        assertThat(result).isEqualTo(new BatchResult(100, List.of()));
        assertThat(sink.requestSizes).containsExactly(100);
    }

    @Test
    void invalidLinesAreIsolatedAndTheRestIsWritten() throws Exception {
        var lines = lines(100);
        lines.set(17, "bad 17");
        lines.set(80, "bad 80");

        var result = writer.write("rp_1m", lines);

        assertThat(result.written()).isEqualTo(98);
        assertThat(result.rejected()).extracting(BatchResult.Rejection::index).containsExactly(17, 80);
        assertThat(result.rejected().get(0).reason()).contains("field type conflict").contains("bad 17");
        assertThat(sink.stored).hasSize(98).doesNotContain("bad 17", "bad 80");
    }

    @Test
    void bisectionCostsLogarithmicallyManyRequestsPerBadLine() throws Exception {
        var lines = lines(1024);
        lines.set(512, "bad");

        writer.write("rp_1m", lines);

        assertThat(sink.requestSizes).hasSizeLessThanOrEqualTo(1 + 2 * 10);
    }

    @Test
    void serverFailureIsNotBisectedButReportedForRetry() {
        sink.status5xx = 503;

        assertThatThrownBy(() -> writer.write("rp_1m", lines(100)))
                .isInstanceOf(InfluxUnavailableException.class)
                .hasMessageContaining("503");
        assertThat(sink.requestSizes).containsExactly(100);
    }

    @Test
    void requestThatTimesOutIsSplitUntilInfluxTakesIt() throws Exception {
        sink.timeoutAbove = 300;

        var result = writer.write("rp_1m", lines(1000));

        assertThat(result).isEqualTo(new BatchResult(1000, List.of()));
        assertThat(sink.stored).hasSize(1000);
        assertThat(sink.requestSizes).containsExactly(1000, 500, 250, 250, 500, 250, 250);
    }

    @Test
    void timeoutOfASmallRequestIsReportedForRetry() {
        sink.timeoutAbove = 10;

        assertThatThrownBy(() -> writer.write("rp_1m", lines(1000)))
                .isInstanceOf(InfluxUnavailableException.class)
                .hasMessageContaining("timeout");
        assertThat(sink.requestSizes).containsExactly(1000, 500, 250, 125);
    }

    @Test
    void pointsBeyondRetentionAreCountedInOneRequestInsteadOfBisected() throws Exception {
        var requests = new ArrayList<Integer>();
        var oldPoints = new InfluxBatchWriter((policy, lines) -> {
            requests.add(lines.size());
            long old = lines.stream().filter(line -> line.startsWith("old")).count();
            if (old > 0) {
                // What InfluxDB 1.x answers: the other points are written, the old ones are only counted.
                throw new InfluxWriteException(400, "HTTP 400: {\"error\":\"partial write: points beyond retention"
                        + " policy dropped=" + old + "\"}", null);
            }
        });
        var lines = lines(1000);
        for (int i = 0; i < 600; i++) {
            lines.set(i, "old " + i);
        }

        var result = oldPoints.write("rp_1m", lines);

        assertThat(result).isEqualTo(new BatchResult(400, List.of(), 600));
        assertThat(requests).containsExactly(1000);
    }

    @Test
    void emptyBatchWritesNothing() throws Exception {
        assertThat(writer.write("rp_1m", List.of())).isEqualTo(new BatchResult(0, List.of()));
        assertThat(sink.requestSizes).isEmpty();
    }

    private static List<String> lines(int count) {
        return new ArrayList<>(IntStream.range(0, count).mapToObj(i -> "m v=" + i + " " + i).toList());
    }
}
