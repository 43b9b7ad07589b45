package io.heapstream.alerter.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.heapstream.alerter.AlerterService;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/**
 * A webhook that is down: delivery retries with backoff, counts each failure, commits the delivery group's
 * offset only once the receiver took the event, and evaluation does not wait for it. A rollup record that
 * cannot be read goes to the dead-letter topic with Kafka's error headers, and evaluation goes on.
 */
class DeliveryRetryIT {
    @Test
    void receiverThatRefusesGetsTheEventLaterFailuresAreCountedAndGarbageIsDeadLettered() throws Exception {
        try (var fixture = new AlerterFixture(); var hooks = new WebhookReceiver();
             var admin = Admin.create(Map.<String, Object>of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                     fixture.bootstrap))) {
            hooks.refuse.set(5);   // backoff 0.25+0.5+1+2+4 s at least before the sixth attempt
            var registry = new SimpleMeterRegistry();
            var config = fixture.config(List.of(), List.of(hooks.url("/hook")));
            try (var service = new AlerterService(config, registry)) {
                service.start();
                fixture.garbage("{\"schemaVersion\": 1, not a rollup");
                fixture.memory(0, 950);
                fixture.memory(1, 960);   // fires

                // evaluation goes on while the receiver refuses: the event is on the topic first
                await().atMost(Duration.ofSeconds(90)).until(() -> !fixture.poll().isEmpty());
                assertThat(hooks.bodies("/hook")).isEmpty();

                await().atMost(Duration.ofSeconds(60)).until(() -> !hooks.bodies("/hook").isEmpty());
                assertThat(hooks.bodies("/hook")).hasSize(1);
                assertThat(hooks.bodies("/hook").get(0).get("status").asText()).isEqualTo("firing");
                assertThat(registry.get("heapstream.alerter.deliveries").tag("target", "webhook")
                        .tag("outcome", "failed").counter().count()).isEqualTo(5.0);
                await().atMost(Duration.ofSeconds(10)).until(() -> committed(admin, config.applicationId()
                        + "-delivery", fixture.alertsTopic) == 1L);

                try (var dead = fixture.bytes(fixture.deadLetterTopic)) {
                    var records = new java.util.ArrayList<org.apache.kafka.clients.consumer.ConsumerRecord<byte[], byte[]>>();
                    await().atMost(Duration.ofSeconds(30)).until(() -> {
                        dead.poll(Duration.ofMillis(300)).forEach(records::add);
                        return !records.isEmpty();
                    });
                    assertThat(records).hasSize(1);
                    assertThat(new String(records.get(0).value(), java.nio.charset.StandardCharsets.UTF_8))
                            .isEqualTo("{\"schemaVersion\": 1, not a rollup");
                    assertThat(new String(records.get(0).headers().lastHeader("__streams.errors.topic").value(),
                            java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(fixture.rollupTopic);
                }
                assertThat(registry.get("heapstream.alerter.dead.letters").counter().count()).isEqualTo(1.0);
            }
        }
    }

    private static Long committed(Admin admin, String group, String topic) throws Exception {
        var offsets = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
        var offset = offsets.get(new TopicPartition(topic, 0));
        return offset == null ? null : offset.offset();
    }
}
