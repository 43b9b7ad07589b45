package io.heapstream.model.alert;

import static org.assertj.core.api.Assertions.assertThat;

import io.heapstream.model.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AlertEventSerdeTest {
    private static final Instant T = Instant.parse("2026-11-25T08:01:00Z");

    @Test
    void firingEventSurvivesTheRoundTripWithoutAnEndOrNulls() {
        var event = new AlertEvent(1, "0123456789abcdef", AlertEvent.Status.FIRING,
                Map.of("alertname", "A", "severity", "warning", "pod", "web-1"), Map.of(), 0.95, T, null, T);
        byte[] bytes = Topics.ALERT_EVENT.serializer().serialize("alerts", event);

        assertThat(Topics.ALERT_EVENT.deserializer().deserialize("alerts", bytes)).isEqualTo(event);
        assertThat(new String(bytes, StandardCharsets.UTF_8)).isEqualTo("{\"schemaVersion\":1,\"fingerprint\":"
                + "\"0123456789abcdef\",\"status\":\"firing\",\"labels\":{\"alertname\":\"A\",\"pod\":\"web-1\","
                + "\"severity\":\"warning\"},\"annotations\":{},\"value\":0.95,\"startsAt\":\"2026-11-25T08:01:00Z\","
                + "\"evaluatedAt\":\"2026-11-25T08:01:00Z\"}");
    }

    @Test
    void resolvedEventWithoutAValueKeepsTheValueAbsent() {
        var event = new AlertEvent(1, "0123456789abcdef", AlertEvent.Status.RESOLVED, Map.of("alertname", "A"),
                Map.of("summary", "s"), Double.NaN, T, T.plusSeconds(60), T.plusSeconds(60));
        byte[] bytes = Topics.ALERT_EVENT.serializer().serialize("alerts", event);

        assertThat(event.value()).isNull();
        assertThat(new String(bytes, StandardCharsets.UTF_8)).doesNotContain("value").contains("\"status\":\"resolved\"");
        assertThat(Topics.ALERT_EVENT.deserializer().deserialize("alerts", bytes)).isEqualTo(event);
    }
}
