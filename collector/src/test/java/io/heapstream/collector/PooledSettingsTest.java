package io.heapstream.collector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.heapstream.model.settings.SettingsException;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code --mode pooled} settings: what they default to, and the daemonset-only settings they refuse. */
class PooledSettingsTest {

    @Test
    void aPooledReplicaNeedsNoNodeOfItsOwnAndReadsEachKubeletsPodList() {
        var config = CollectorConfig.fromMap(Map.of("HEAPSTREAM_CLUSTER", "prod", "HEAPSTREAM_MODE", "pooled",
                "HOSTNAME", "collector-7d9f-abcde", "KUBERNETES_SERVICE_HOST", "10.96.0.1"));

        assertThat(config.nodeName()).isEqualTo("collector-7d9f-abcde");
        assertThat(config.kubeletUrl()).isNull();
        assertThat(config.metadata()).isEqualTo(MetadataMode.KUBELET);
        assertThat(config.pool().shardTopic()).isEqualTo("heapstream-collector-shards");
        assertThat(config.pool().shards()).isEqualTo(64);
        assertThat(config.pool().summaryUrl("node-a", "10.1.2.3", 10250))
                .isEqualTo(URI.create("https://10.1.2.3:10250/stats/summary"));
        assertThat(config.pool().summaryUrl("node-a", "fd00::7", 10250))
                .isEqualTo(URI.create("https://[fd00::7]:10250/stats/summary"));
    }

    @Test
    void throughTheApiServerEachNodeIsReachedByItsProxy() {
        var config = CollectorConfig.fromMap(Map.of("HEAPSTREAM_CLUSTER", "prod", "HEAPSTREAM_MODE", "pooled",
                "HEAPSTREAM_KUBELET_SOURCE", "apiserver", "KUBERNETES_SERVICE_HOST", "10.96.0.1",
                "KUBERNETES_SERVICE_PORT", "6443"));

        assertThat(config.nodeName()).isEqualTo("pooled");

        assertThat(config.pool().summaryUrl("node-a", "10.1.2.3", 10250))
                .isEqualTo(URI.create("https://10.96.0.1:6443/api/v1/nodes/node-a/proxy/stats/summary"));
        assertThat(CollectorConfig.podsUrlText(config.pool().summaryUrl("node-a", "10.1.2.3", 10250)))
                .isEqualTo("https://10.96.0.1:6443/api/v1/nodes/node-a/proxy/pods");
    }

    @Test
    void daemonsetOnlySettingsAreRefusedWithTheFlagThatReplacesThem() {
        assertThatThrownBy(() -> CollectorConfig.fromMap(Map.of("HEAPSTREAM_CLUSTER", "prod",
                "HEAPSTREAM_MODE", "pooled", "HEAPSTREAM_KUBELET_URL", "https://10.1.2.3:10250/stats/summary",
                "HEAPSTREAM_METADATA", "api", "HEAPSTREAM_KUBELET_URL_TEMPLATE", "kubelet:{node}",
                "HEAPSTREAM_SHARDS", "0")))
                .isInstanceOf(SettingsException.class)
                .hasMessageContaining("--kubelet-url (HEAPSTREAM_KUBELET_URL): is for --mode daemonset")
                .hasMessageContaining("--metadata (HEAPSTREAM_METADATA): api is for --mode daemonset")
                .hasMessageContaining("--kubelet-url-template (HEAPSTREAM_KUBELET_URL_TEMPLATE): does not make a URL")
                .hasMessageContaining("--shards (HEAPSTREAM_SHARDS): must be positive")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void daemonsetStaysTheDefault() {
        var config = CollectorConfig.fromMap(Map.of("HEAPSTREAM_CLUSTER", "prod", "NODE_NAME", "node-a",
                "NODE_IP", "10.1.2.3"));

        assertThat(config.pool()).isNull();
        assertThat(config.kubeletTarget()).isEqualTo("https://10.1.2.3:10250/stats/summary");
    }
}
