package io.heapstream.aggregator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.heapstream.aggregator.AggregatorService;
import io.heapstream.aggregator.config.AggregatorConfig;
import io.heapstream.model.rollup.Level;
import io.heapstream.model.rollup.Rollup;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** Unreadable raw records land on the dead-letter topic with Kafka's error headers; processing continues. */
class DeadLetterIT {
    @Test
    void malformedBytesGoToTheDeadLetterTopicWithHeadersAndProcessingContinues() {
        var broker = new Broker(1, List.of(Duration.ofSeconds(10)));
        var config = AggregatorConfig.fromMap(broker.env("10s", "0s", "", "10s"));
        var registry = new SimpleMeterRegistry();
        var scrapes = AggregatorKillIT.fleet(1, 6);
        broker.produceBytes("c1/n1", "{\"schemaVersion\": 1, garbage".getBytes(StandardCharsets.UTF_8));
        broker.produce(scrapes);
        try (var service = new AggregatorService(config, registry);
             var dlq = broker.consumer(broker.deadLetter);
             var rollups = broker.consumer(broker.rollupPrefix + "10s")) {
            service.start();
            var dead = new ArrayList<ConsumerRecord<byte[], byte[]>>();
            var out = new ArrayList<Rollup>();
            await().atMost(Duration.ofSeconds(90)).until(() -> {
                dead.addAll(Broker.poll(dlq));
                Broker.poll(rollups).forEach(r -> out.add(Broker.rollup(r)));
                return !dead.isEmpty() && out.stream().anyMatch(r -> r.key().level() == Level.NODE);
            });
            assertThat(dead).hasSize(1);
            var record = dead.get(0);
            assertThat(new String(record.value(), StandardCharsets.UTF_8)).isEqualTo("{\"schemaVersion\": 1, garbage");
            assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo("c1/n1");
            assertThat(header(record, "__streams.errors.topic")).isEqualTo(broker.raw);
            assertThat(header(record, "__streams.errors.partition")).isEqualTo("0");
            assertThat(header(record, "__streams.errors.offset")).isEqualTo("0");
            assertThat(header(record, "__streams.errors.exception")).contains("SerializationException");
            assertThat(header(record, "__streams.errors.message")).contains("RawScrape");
            assertThat(registry.get("heapstream.aggregator.dead.letters").counter().count()).isEqualTo(1.0);
        }
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
