package io.heapstream.aggregator;

import static io.heapstream.aggregator.Scrapes.C;
import static io.heapstream.aggregator.Scrapes.at;
import static io.heapstream.aggregator.Scrapes.pod;
import static io.heapstream.aggregator.Scrapes.scrape;
import static org.assertj.core.api.Assertions.assertThat;

import io.heapstream.model.Topics;
import io.heapstream.model.raw.PodMeta;
import io.heapstream.model.raw.PodStats;
import io.heapstream.model.raw.RawScrape;
import io.heapstream.model.rollup.Level;
import io.heapstream.model.rollup.Rollup;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.apache.kafka.streams.processor.TaskId;
import org.junit.jupiter.api.Test;

/**
 * A pod with thousands of labels must not make rollups the broker cannot take (the stream thread would die and
 * the restart would replay the same window): labels are capped per series, and an output record that is still
 * too large is set aside to the dead-letter topic instead of failing the thread.
 */
class OversizedRollupTest {
    private static final Duration MINUTE = Duration.ofMinutes(1);

    @Test
    void podWithThousandsOfLabelsGetsRollupsOfBoundedSize() {
        var labels = new HashMap<String, String>();
        for (int i = 0; i < 5_000; i++) {
            labels.put("example.com/label-" + i, "value-" + "x".repeat(50) + i);   // ~400 KB in all
        }
        try (var harness = new TopologyHarness(RollupSettings.of(MINUTE, Duration.ofSeconds(10), List.of(), 1))) {
            harness.pipe(withLabels(scrape("c1", "n1", at("00:00:15"), 0, 1,
                    pod("shop", "a", "Deployment/web", 0, C.of("app", 0, 100))), labels));
            harness.pipe(scrape("c1", "n1", at("00:01:15"), 0, 1));   // closes [00:00, 00:01)

            var pods = TopologyHarness.of(harness.rollups(), Level.POD, MINUTE);
            assertThat(pods).singleElement().satisfies(p -> {
                assertThat(p.labels()).isNotEmpty();
                assertThat(bytes(p)).isLessThan(32 * 1024);
            });
        }
    }

    @Test
    void recordTooLargeForTheBrokerGoesToTheDeadLetterTopicAndProcessingGoesOn() {
        var handler = new OversizedRollupHandler();
        handler.configure(Map.of(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, "dlq"));
        var record = new ProducerRecord<byte[], byte[]>("heapstream.rollup.1m", new byte[10], new byte[2 << 20]);

        var response = handler.handleError(context(), record, new RecordTooLargeException("2 MiB"));

        assertThat(response.result()).isEqualTo(ProductionExceptionHandler.Result.RESUME);
        assertThat(response.deadLetterQueueRecords()).singleElement().satisfies(dead -> {
            assertThat(dead.topic()).isEqualTo("dlq");
            assertThat(new String(dead.value(), StandardCharsets.UTF_8)).isEqualTo("raw scrape");
            assertThat(new String(dead.headers().lastHeader("__streams.errors.exception").value(),
                    StandardCharsets.UTF_8)).contains("RecordTooLargeException");
        });
        assertThat(handler.handleError(context(), record, new InvalidTopicException("x")).result())
                .isEqualTo(ProductionExceptionHandler.Result.FAIL);
    }

    private static RawScrape withLabels(RawScrape scrape, Map<String, String> labels) {
        var p = scrape.pods().get(0);
        var m = p.meta();
        var meta = new PodMeta(labels, m.workloadKind(), m.workloadName(), m.qosClass(), m.containers());
        var pod = new PodStats(p.podRef(), p.startTime(), p.containers(), p.cpu(), p.memory(), p.network(),
                p.volume(), p.ephemeralStorage(), meta);
        return new RawScrape(scrape.schemaVersion(), scrape.cluster(), scrape.node(), scrape.scrapeTime(),
                scrape.nodeStats(), List.of(pod));
    }

    private static int bytes(Rollup rollup) {
        return Topics.ROLLUP.serializer().serialize("t", rollup).length;
    }

    private static ErrorHandlerContext context() {
        return new ErrorHandlerContext() {
            public String topic() { return "heapstream.raw"; }
            public int partition() { return 0; }
            public long offset() { return 7; }
            public org.apache.kafka.common.header.Headers headers() { return new RecordHeaders(); }
            public String processorNodeId() { return "node-rollups-sink"; }
            public TaskId taskId() { return new TaskId(0, 0); }
            public long timestamp() { return 0; }
            public byte[] sourceRawKey() { return "c1/n1".getBytes(StandardCharsets.UTF_8); }
            public byte[] sourceRawValue() { return "raw scrape".getBytes(StandardCharsets.UTF_8); }
        };
    }
}
