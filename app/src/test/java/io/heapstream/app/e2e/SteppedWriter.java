package io.heapstream.app.e2e;

import io.heapstream.model.Topics;
import io.heapstream.writer.WriterConfig;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The writer's settings for an end-to-end run: topics and database named after the test, quick flushes. */
public final class SteppedWriter {
    private SteppedWriter() { }

    public static WriterConfig config(String bootstrap, String influxUrl, String name, String rollupPrefix,
                                      List<Duration> resolutions) {
        return WriterConfig.fromMap(Map.of(
                "HEAPSTREAM_KAFKA_BOOTSTRAP", bootstrap,
                "HEAPSTREAM_GROUP_ID", name + "-writer",
                "HEAPSTREAM_ROLLUP_TOPIC_PREFIX", rollupPrefix,
                "HEAPSTREAM_DEAD_LETTER_TOPIC", name + ".dead-letter",
                "HEAPSTREAM_INFLUX_URL", influxUrl,
                "HEAPSTREAM_INFLUX_DB", name,
                // Points from the past: kept forever, or InfluxDB would drop them as beyond retention.
                "HEAPSTREAM_RETENTION", resolutions.stream().map(r -> Topics.suffix(r) + "=inf")
                        .collect(Collectors.joining(",")),
                "HEAPSTREAM_FLUSH_INTERVAL", "200ms"));
    }
}
