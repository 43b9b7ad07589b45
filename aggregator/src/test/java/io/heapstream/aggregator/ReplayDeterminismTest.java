package io.heapstream.aggregator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;

/** Event time everywhere: the same raw input, processed twice from scratch, gives the same bytes out. */
class ReplayDeterminismTest {
    private static List<String> run(List<io.heapstream.model.raw.RawScrape> input) {
        var settings = RollupSettings.of(Duration.ofMinutes(1), Duration.ofSeconds(30),
                List.of(Duration.ofMinutes(5)), 1);
        try (var harness = new TopologyHarness(settings)) {
            var topics = new ArrayList<org.apache.kafka.streams.TestOutputTopic<byte[], byte[]>>();
            for (var resolution : settings.resolutions()) {
                topics.add(harness.driver.createOutputTopic(settings.rollupTopic(resolution),
                        new ByteArrayDeserializer(), new ByteArrayDeserializer()));
            }
            harness.pipeAll(input);
            harness.goQuiet();
            var out = new ArrayList<String>();
            for (var topic : topics) {
                topic.readRecordsToList().forEach(r -> out.add(new String(r.key()) + " => " + new String(r.value())
                        + " @" + r.timestamp()));
            }
            return out;
        }
    }

    @Test
    void replayingTheSameRawInputGivesByteIdenticalRollups() {
        var input = new RandomFleet(3).arrivals(40);
        var first = run(input);
        var second = run(input);
        assertThat(first).hasSizeGreaterThan(100);
        assertThat(second).containsExactlyElementsOf(first);
    }
}
