package io.heapstream.collector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CollectorConfigTest {

    @Test
    void defaultsComeFromTheDownwardApiAndTheServiceAccount() {
        var config = CollectorConfig.fromMap(Map.of("HEAPSTREAM_CLUSTER", "prod", "NODE_NAME", "node-a",
                "NODE_IP", "10.1.2.3", "KUBERNETES_SERVICE_HOST", "10.96.0.1"));

        assertThat(config.cluster()).isEqualTo("prod");
        assertThat(config.nodeName()).isEqualTo("node-a");
        assertThat(config.kubeletUrl()).isEqualTo(URI.create("https://10.1.2.3:10250/stats/summary"));
        assertThat(config.kubeletPodsUrl()).isEqualTo(URI.create("https://10.1.2.3:10250/pods"));
        assertThat(config.tokenFile()).isEqualTo(Path.of("/var/run/secrets/kubernetes.io/serviceaccount/token"));
        assertThat(config.caFile()).isEqualTo(Path.of("/var/run/secrets/kubernetes.io/serviceaccount/ca.crt"));
        assertThat(config.insecureSkipVerify()).isFalse();
        assertThat(config.scrapeInterval()).isEqualTo(Duration.ofSeconds(15));
        assertThat(config.kubeletTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.metadata()).isEqualTo(MetadataMode.API);
        assertThat(config.rawTopic()).isEqualTo("heapstream.raw");
        assertThat(config.kafkaBootstrap()).isEqualTo("localhost:9092");
        assertThat(config.compression()).isEqualTo("zstd");
        assertThat(config.bufferMaxBytes()).isEqualTo(8L << 20);
    }

    @Test
    void outsideAClusterMetadataIsOffByDefault() {
        var config = CollectorConfig.fromMap(Map.of("HEAPSTREAM_CLUSTER", "dev", "HEAPSTREAM_NODE_NAME", "n",
                "HEAPSTREAM_KUBELET_URL", "http://127.0.0.1:10255/stats/summary"));

        assertThat(config.metadata()).isEqualTo(MetadataMode.OFF);
        assertThat(config.kubeletPodsUrl()).isEqualTo(URI.create("http://127.0.0.1:10255/pods"));
    }

    @Test
    void apiServerSourceScrapesThroughTheNodeProxy() {
        var config = CollectorConfig.fromMap(Map.of("HEAPSTREAM_CLUSTER", "prod", "NODE_NAME", "node-a",
                "HEAPSTREAM_KUBELET_SOURCE", "apiserver", "KUBERNETES_SERVICE_HOST", "10.96.0.1",
                "KUBERNETES_SERVICE_PORT", "443", "HEAPSTREAM_METADATA", "kubelet"));

        assertThat(config.kubeletUrl())
                .isEqualTo(URI.create("https://10.96.0.1:443/api/v1/nodes/node-a/proxy/stats/summary"));
        assertThat(config.kubeletPodsUrl()).isEqualTo(URI.create("https://10.96.0.1:443/api/v1/nodes/node-a/proxy/pods"));
        assertThat(config.metadata()).isEqualTo(MetadataMode.KUBELET);
    }

    @Test
    void everyBadSettingIsReportedInOneMessageNamingFlagAndVariable() {
        assertThatThrownBy(() -> CollectorConfig.fromMap(Map.of("HEAPSTREAM_SCRAPE_INTERVAL", "often",
                "HEAPSTREAM_METADATA", "maybe", "HEAPSTREAM_BUFFER_MAX_BYTES", "lots",
                "HEAPSTREAM_KUBELET_INSECURE_SKIP_VERIFY", "perhaps", "HEAPSTREAM_COMPRESSION", "brotli")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("invalid collector settings: ")
                .hasMessageContaining("--cluster (HEAPSTREAM_CLUSTER): required")
                .hasMessageContaining("--node-name (HEAPSTREAM_NODE_NAME): required")
                .hasMessageContaining("--kubelet-url (HEAPSTREAM_KUBELET_URL): required (or set HEAPSTREAM_NODE_IP")
                .hasMessageContaining("--scrape-interval (HEAPSTREAM_SCRAPE_INTERVAL): 'often' is not a duration")
                .hasMessageContaining("--metadata (HEAPSTREAM_METADATA): expected api|on|kubelet|off")
                .hasMessageContaining("--buffer-max-bytes (HEAPSTREAM_BUFFER_MAX_BYTES): 'lots' is not a byte size")
                .hasMessageContaining("--kubelet-insecure-skip-verify (HEAPSTREAM_KUBELET_INSECURE_SKIP_VERIFY)")
                .hasMessageContaining("--compression (HEAPSTREAM_COMPRESSION)");
    }

    @Test
    void aGivenUrlIsUsedEvenWhenTheDefaultCouldNotBeWorkedOut() {
        var config = CollectorConfig.fromMap(Map.of("HEAPSTREAM_CLUSTER", "c", "NODE_NAME", "not a host",
                "HEAPSTREAM_KUBELET_SOURCE", "apiserver", "HEAPSTREAM_KUBELET_URL", "https://10.0.0.1/stats/summary"));

        assertThat(config.kubeletUrl()).isEqualTo(URI.create("https://10.0.0.1/stats/summary"));
    }

    @Test
    void nodeIpFromTheManifestsVariableAndIpv6Work() {
        var config = CollectorConfig.fromMap(Map.of("HEAPSTREAM_CLUSTER", "c", "HEAPSTREAM_NODE_NAME", "n",
                "HEAPSTREAM_NODE_IP", "fd00::12"));

        assertThat(config.kubeletUrl()).isEqualTo(URI.create("https://[fd00::12]:10250/stats/summary"));
    }

    @Test
    void timeoutLongerThanTheIntervalIsRejected() {
        assertThatThrownBy(() -> CollectorConfig.fromMap(Map.of("HEAPSTREAM_CLUSTER", "c", "NODE_NAME", "n",
                "NODE_IP", "10.0.0.1", "HEAPSTREAM_SCRAPE_INTERVAL", "5s", "HEAPSTREAM_KUBELET_TIMEOUT", "10s")))
                .hasMessageContaining("--kubelet-timeout (HEAPSTREAM_KUBELET_TIMEOUT): must not exceed");
    }

    @Test
    void aShortScrapeIntervalWorksAloneTheTimeoutFollowsIt() {
        var config = CollectorConfig.fromMap(Map.of("HEAPSTREAM_CLUSTER", "c", "NODE_NAME", "n",
                "NODE_IP", "10.0.0.1", "HEAPSTREAM_SCRAPE_INTERVAL", "2s"));

        assertThat(config.scrapeInterval()).isEqualTo(Duration.ofSeconds(2));
        assertThat(config.kubeletTimeout()).isEqualTo(Duration.ofMillis(1333));
    }

    @Test
    void aLongScrapeIntervalKeepsTheTenSecondTimeout() {
        var config = CollectorConfig.fromMap(Map.of("HEAPSTREAM_CLUSTER", "c", "NODE_NAME", "n",
                "NODE_IP", "10.0.0.1", "HEAPSTREAM_SCRAPE_INTERVAL", "1m"));

        assertThat(config.kubeletTimeout()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void aBufferOf64mIsRefusedBecauseAKubernetesQuantitysMIsMilli() {
        // before one parser for every role, 64m was read as a Kubernetes quantity: 0.064 bytes, rounded up to 1
        assertThatThrownBy(() -> CollectorConfig.fromMap(Map.of("HEAPSTREAM_CLUSTER", "c", "NODE_NAME", "n",
                "NODE_IP", "10.0.0.1", "HEAPSTREAM_BUFFER_MAX_BYTES", "64m")))
                .hasMessage("invalid collector settings: --buffer-max-bytes (HEAPSTREAM_BUFFER_MAX_BYTES): '64m' is"
                        + " ambiguous: write 64Mi (mebibytes) or 64M (megabytes)");
    }

    @Test
    void labelListsAndSizesAreParsed() {
        var config = CollectorConfig.fromMap(Map.of("HEAPSTREAM_CLUSTER", "c", "NODE_NAME", "n", "NODE_IP", "10.0.0.1",
                "HEAPSTREAM_LABEL_INCLUDE", "app, team ,app.kubernetes.io/*", "HEAPSTREAM_LABEL_EXCLUDE", "secret",
                "HEAPSTREAM_BUFFER_MAX_BYTES", "64Mi", "HEAPSTREAM_SCRAPE_INTERVAL", "PT30S"));

        assertThat(config.labels().include()).containsExactly("app", "team", "app.kubernetes.io/*");
        assertThat(config.labels().exclude()).containsExactly("secret");
        assertThat(config.bufferMaxBytes()).isEqualTo(64L << 20);
        assertThat(config.scrapeInterval()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void kafkaPropertyValuesNeverAppearInTheLoggedConfig() {
        var config = CollectorConfig.fromMap(Map.of("HEAPSTREAM_CLUSTER", "c", "NODE_NAME", "n", "NODE_IP", "10.0.0.1"))
                .withKafkaProperties(Map.of("sasl.jaas.config", "password=\"hunter2\""));

        assertThat(config.toString()).contains("sasl.jaas.config").doesNotContain("hunter2");
    }
}
