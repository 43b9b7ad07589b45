package io.heapstream.aggregator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.heapstream.aggregator.serde.RawRecordDeserializer;
import io.heapstream.model.Topics;
import io.heapstream.model.raw.PodMeta;
import io.heapstream.model.raw.PodRef;
import io.heapstream.model.raw.PodStats;
import io.heapstream.model.raw.RawScrape;
import io.heapstream.simulator.Fleet;
import io.heapstream.simulator.FleetSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class KubernetesNamesTest {
    private static final RawScrape VALID = Scrapes.scrape("prod eu", "ip-10-0-0-1.ec2.internal", Scrapes.at("00:00:15"),
            5, 6, Scrapes.pod("kube-system", "coredns-7db6d8ff4d-x2x9q", "Deployment/coredns", 7,
                    Scrapes.C.of("coredns", 8, 9)));

    @Test
    void namesAsTheApiServerHandsThemOutPass() {
        assertThat(KubernetesNames.problem(VALID)).isNull();
        assertThat(KubernetesNames.qualifiedName("app.kubernetes.io/name")).isNull();
        assertThat(KubernetesNames.labelValue("")).isNull();
        assertThat(KubernetesNames.labelValue("v1.2_rc-3")).isNull();
    }

    @Test
    void everyRealKubeletCaptureFollowsTheRules() {
        for (String path : FixtureReplay.SUMMARIES) {
            var scrape = FixtureReplay.scrape(path, "prod", Scrapes.at("00:00:15"), 0);
            assertThat(KubernetesNames.problem(scrape)).as(path).isNull();
        }
    }

    @Test
    void simulatedAndRandomFleetsFollowTheRules() {
        var start = Instant.parse("2026-01-01T00:00:00Z");
        var fleet = new Fleet(new FleetSpec(2, 3, 12, 2, 7, Duration.ofSeconds(15), FleetSpec.Churn.typical()), start);
        for (int s = 0; s < 20; s++) {
            for (var scrape : fleet.scrapes(start.plusSeconds(15L * s))) {
                assertThat(KubernetesNames.problem(scrape)).as(scrape.key()).isNull();
            }
        }
        for (var scrape : new RandomFleet(11).arrivals(30)) {
            assertThat(KubernetesNames.problem(scrape)).as(scrape.key()).isNull();
        }
    }

    @Test
    void podNameThatWouldSplitALineOfLineProtocolIsRefusedWithTheRuleItBreaks() {
        var scrape = withPod(new PodRef("cart x=1 0\nevil", "shop", "uid"), null);

        assertThat(KubernetesNames.problem(scrape)).startsWith("invalid Kubernetes name: pod name 'cart x=1 0\\u000aevil'")
                .contains("DNS-1123 subdomain").doesNotContain("\n");
    }

    @Test
    void namespaceMustBeADns1123Label() {
        assertThat(KubernetesNames.problem(withPod(new PodRef("web-1", "Shop", "uid"), null)))
                .contains("namespace of pod 'web-1' 'Shop'").contains("DNS-1123 label");
        assertThat(KubernetesNames.label("a".repeat(64))).contains("1 to 63");
        assertThat(KubernetesNames.label("-shop")).isNotNull();
    }

    @Test
    void labelKeysAndValuesFollowKubernetesRules() {
        var badKey = new PodMeta(Map.of("app/name/x", "web"), null, null, null, Map.of());
        var badValue = new PodMeta(Map.of("app", "web\\"), null, null, null, Map.of());

        assertThat(KubernetesNames.problem(withPod(new PodRef("web-1", "shop", "uid"), badKey)))
                .contains("label key of pod 'web-1' 'app/name/x'");
        assertThat(KubernetesNames.problem(withPod(new PodRef("web-1", "shop", "uid"), badValue)))
                .contains("value of label 'app' of pod 'web-1' 'web\\'").contains("label value");
    }

    @Test
    void clusterAndImageNeedOnlyBePlainText() {
        assertThat(KubernetesNames.plainText("prod eu, \"west\"")).isNull();
        assertThat(KubernetesNames.plainText("prod\\")).contains("backslash");
        assertThat(KubernetesNames.plainText("a\rb")).contains("control");
        assertThat(KubernetesNames.plainText("a\ud800")).contains("surrogate");
        assertThat(KubernetesNames.problem(new RawScrape(1, "prod\n", "n1", VALID.scrapeTime(), null, List.of())))
                .startsWith("invalid Kubernetes name: cluster");
    }

    @Test
    void rawRecordWithAnInvalidNameIsASerializationErrorSoItGoesToTheDeadLetterTopic() {
        var bytes = Topics.RAW_SCRAPE.serializer().serialize("raw", withPod(new PodRef("web_1", "shop", "uid"), null));

        assertThatThrownBy(() -> new RawRecordDeserializer().deserialize("raw", bytes))
                .isInstanceOf(SerializationException.class)
                .hasMessageStartingWith("invalid Kubernetes name: pod name 'web_1'");
    }

    private static RawScrape withPod(PodRef ref, PodMeta meta) {
        var pod = VALID.pods().get(0);
        var changed = new PodStats(ref, pod.startTime(), pod.containers(), pod.cpu(), pod.memory(), pod.network(),
                pod.volume(), pod.ephemeralStorage(), meta);
        return new RawScrape(VALID.schemaVersion(), VALID.cluster(), VALID.node(), VALID.scrapeTime(),
                VALID.nodeStats(), List.of(changed));
    }
}
