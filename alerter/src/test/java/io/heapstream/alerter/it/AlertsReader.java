package io.heapstream.alerter.it;

import io.heapstream.model.Topics;
import io.heapstream.model.alert.AlertEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** A read_committed reader of a test's alerts topic, from its start: what a consumer of the alerts would see. */
final class AlertsReader implements AutoCloseable {
    private final KafkaConsumer<String, AlertEvent> alerts;

    AlertsReader(String bootstrap, String topic, String group) {
        alerts = new KafkaConsumer<>(settings(bootstrap, group), Topics.STRING.deserializer(),
                Topics.ALERT_EVENT.deserializer());
        alerts.subscribe(List.of(topic));
    }

    /** A read_committed consumer of any topic of a test, from its start. */
    static KafkaConsumer<byte[], byte[]> bytes(String bootstrap, String topic, String group) {
        var consumer = new KafkaConsumer<>(settings(bootstrap, group), new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
        consumer.subscribe(List.of(topic));
        return consumer;
    }

    private static Map<String, Object> settings(String bootstrap, String group) {
        return Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ConsumerConfig.GROUP_ID_CONFIG, group,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest", ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed");
    }

    /** Events committed to the alerts topic since the last call. */
    List<AlertEvent> poll() {
        var out = new ArrayList<AlertEvent>();
        alerts.poll(Duration.ofMillis(300)).forEach(r -> out.add(r.value()));
        return out;
    }

    @Override
    public void close() {
        alerts.close();
    }
}
