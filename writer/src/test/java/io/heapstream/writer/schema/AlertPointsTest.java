package io.heapstream.writer.schema;

import static org.assertj.core.api.Assertions.assertThat;

import io.heapstream.model.alert.AlertEvent;
import io.heapstream.model.alert.AlertEvent.Status;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AlertPointsTest {
    private static final Instant AT = Instant.parse("2026-01-01T00:02:00Z");
    private static final Map<String, String> LABELS = Map.of("alertname", "PodMemoryNearLimit", "severity", "warning",
            "cluster", "c1", "namespace", "shop", "pod", "web-1", "team", "web ops");

    @Test
    void aFiringEventIsOnePointTaggedWithItsLabelsStatusAndFingerprint() {
        var event = new AlertEvent(1, "0123456789abcdef", Status.FIRING, LABELS,
                Map.of("summary", "shop/web-1 uses \"95%\" of its limit"), 0.95, AT, null, AT);

        assertThat(AlertPoints.line(event)).isEqualTo("alerts,alertname=PodMemoryNearLimit,cluster=c1,"
                + "fingerprint=0123456789abcdef,namespace=shop,pod=web-1,severity=warning,status=firing,team=web\\ ops"
                + " firing=1i,value=0.95,summary=\"shop/web-1 uses \\\"95%\\\" of its limit\" 1767225720000");
    }

    @Test
    void aResolutionWithoutAValueHasNoValueField() {
        var event = new AlertEvent(1, "0123456789abcdef", Status.RESOLVED, Map.of("alertname", "NodeDown",
                "node", "n1"), Map.of(), Double.NaN, AT, AT, AT);

        assertThat(AlertPoints.line(event)).isEqualTo(
                "alerts,alertname=NodeDown,fingerprint=0123456789abcdef,node=n1,status=resolved firing=0i 1767225720000");
    }
}
