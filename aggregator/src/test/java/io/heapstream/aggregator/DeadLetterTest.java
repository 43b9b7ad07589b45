package io.heapstream.aggregator;

import static io.heapstream.aggregator.Scrapes.at;
import static io.heapstream.aggregator.Scrapes.scrape;
import static org.assertj.core.api.Assertions.assertThat;

import io.heapstream.model.rollup.Level;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;
import org.junit.jupiter.api.Test;

/**
 * A record that cannot be read is skipped and the next one is processed. TopologyTestDriver (4.4) runs the
 * handler but does not produce its dead-letter records, so the dead-letter topic and its headers are
 * asserted in {@code DeadLetterIT} on a real broker; this test pins the "continue" half.
 */
class DeadLetterTest {
    @Test
    void unreadableRecordIsSkippedAndProcessingContinues() {
        var settings = RollupSettings.of(Duration.ofMinutes(1), Duration.ZERO, List.of(), 1);
        var props = new Properties();
        props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, LogAndContinueExceptionHandler.class);
        props.put(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, "dlq");
        try (var harness = new TopologyHarness(settings, props)) {
            var dlq = harness.deadLetters("dlq");
            harness.rawBytes.pipeInput("c1/n1", "{not json".getBytes(StandardCharsets.UTF_8), at("00:00:05"));
            harness.pipe(scrape("c1", "n1", at("00:00:15"), 0, 1));
            harness.pipe(scrape("c1", "n1", at("00:01:00"), 0, 1));                // grace 0: closes [00:00, 00:01)

            var nodes = TopologyHarness.of(harness.rollups(), Level.NODE, Duration.ofMinutes(1));
            assertThat(nodes).hasSize(1);
            assertThat(nodes.get(0).metric("memory/usage").count()).isEqualTo(1);   // only the readable scrape
            assertThat(dlq.isEmpty()).isTrue();                                     // see the class comment
        }
    }
}
