package io.heapstream.alerter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.heapstream.model.settings.SettingsException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AlerterConfigTest {
    @Test
    void defaultsEvaluateTheOneMinuteTopicWithTheDefaultRulesAndDeliverNowhere() {
        var config = AlerterConfig.fromMap(Map.of());

        assertThat(config.rollupTopic()).isEqualTo("heapstream.rollup.1m");
        assertThat(config.alertsTopic()).isEqualTo("heapstream.alerts");
        assertThat(config.rulesFile()).isNull();
        assertThat(config.deliverySettings().hasTargets()).isFalse();
        assertThat(config.staleAfter()).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void settingsNameTheTopicTheTargetsAndTheKafkaExtras() {
        var config = AlerterConfig.fromMap(Map.of("HEAPSTREAM_RESOLUTION", "1h", "HEAPSTREAM_ROLLUP_TOPIC_PREFIX", "r.",
                "HEAPSTREAM_ALERTMANAGER_URL", "http://am-0:9093, http://am-1:9093",
                "HEAPSTREAM_WEBHOOK_URL", "https://hooks.example/x?token=secret", "kafka.security.protocol", "SSL"));

        assertThat(config.rollupTopic()).isEqualTo("r.1h");
        assertThat(config.alertmanagers()).containsExactly(URI.create("http://am-0:9093"),
                URI.create("http://am-1:9093"));
        assertThat(config.kafkaProperties()).containsEntry("security.protocol", "SSL");
        assertThat(config.streamsProperties()).containsEntry("processing.guarantee", "exactly_once_v2")
                .containsEntry("security.protocol", "SSL");
        assertThat(config.toString()).doesNotContain("secret");
        assertThat(config.deliverySettings().alertmanagers()).hasSize(2);
        assertThat(config.deliverySettings().webhooks()).hasSize(1);
        assertThat(config.deliverySettings().groupId()).isEqualTo("heapstream-alerter-delivery");
        assertThat(List.of(config.deliverySettings().resendInterval())).containsExactly(Duration.ofMinutes(1));
    }

    @Test
    void everyBadSettingIsNamedInOneMessage() {
        assertThatThrownBy(() -> AlerterConfig.fromMap(Map.of("HEAPSTREAM_WEBHOOK_URL", "hooks.example",
                "HEAPSTREAM_RESOLUTION", "90ms")))
                .isInstanceOf(SettingsException.class)
                .hasMessageContaining("--webhook-url (HEAPSTREAM_WEBHOOK_URL): 'hooks.example' is not an http:// or"
                        + " https:// URL")
                .hasMessageContaining("--resolution (HEAPSTREAM_RESOLUTION)");
    }
}
