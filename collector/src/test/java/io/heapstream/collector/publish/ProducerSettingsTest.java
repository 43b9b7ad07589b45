package io.heapstream.collector.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;

/** The producer of a client that sends one record per interval does no periodic work of its own. */
class ProducerSettingsTest {

    @Test
    void clientTelemetryIsNotPushedFromEveryNode() {
        var props = ProducerSettings.of("127.0.0.1:9092", "c", "zstd", Map.of());

        assertThat(props).containsEntry(ProducerConfig.ENABLE_METRICS_PUSH_CONFIG, false)
                .containsEntry(ProducerConfig.METRIC_REPORTER_CLASSES_CONFIG, "");
    }

    @Test
    void anOperatorMayTurnTelemetryBackOn() {
        var props = ProducerSettings.of("127.0.0.1:9092", "c", "zstd",
                Map.of(ProducerConfig.ENABLE_METRICS_PUSH_CONFIG, "true"));

        assertThat(props).containsEntry(ProducerConfig.ENABLE_METRICS_PUSH_CONFIG, "true");
    }
}
