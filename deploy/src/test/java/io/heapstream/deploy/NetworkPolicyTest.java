package io.heapstream.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Ingress into the namespace is denied by default; each pod opens only its own named port, and InfluxDB only to
 * the writer, Grafana and the api; the roles' status ports only to namespaces labelled for scraping (issue 17, item 2).
 */
class NetworkPolicyTest {
    private static final String SCRAPERS = "heapstream.io/scrape-metrics";

    @ParameterizedTest
    @FieldSource("io.heapstream.deploy.Rendered#OVERLAYS")
    void ingressIsDeniedUnlessAllowedAndEveryPodOpensOnlyPortsItServes(String overlay) {
        Rendered rendered = Rendered.overlay(overlay);
        NetworkPolicy deny = rendered.get(NetworkPolicy.class, "heapstream-default-deny-ingress");
        assertThat(deny.getSpec().getPodSelector().getMatchLabels()).isNullOrEmpty();
        assertThat(deny.getSpec().getPolicyTypes()).containsExactly("Ingress");
        assertThat(deny.getSpec().getIngress()).isNullOrEmpty();

        rendered.podTemplates().forEach((workload, template) -> {
            var labels = template.getMetadata().getLabels();
            var served = template.getSpec().getContainers().stream().flatMap(c -> c.getPorts().stream())
                    .map(p -> p.getName()).toList();
            var rules = rules(rendered, labels);
            assertThat(rules).as(workload + " is reachable on its port").isNotEmpty();
            for (NetworkPolicyIngressRule rule : rules) {
                assertThat(rule.getPorts()).as(workload).isNotEmpty().allSatisfy(port ->
                        assertThat(port.getPort().getStrVal()).as(workload).isIn(served));
            }
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"single-cluster", "multi-cluster/central", "apiserver-proxy", "single-cluster-metrics-api"})
    void influxDbAnswersOnlyTheWriterGrafanaAndTheApi(String overlay) {
        Rendered rendered = Rendered.overlay(overlay);
        var influx = rendered.podTemplates().get("heapstream-influxdb").getMetadata().getLabels();

        var peers = new ArrayList<NetworkPolicyPeer>();
        rules(rendered, influx).forEach(rule -> {
            assertThat(rule.getFrom()).as("a rule without from admits everyone").isNotEmpty();
            peers.addAll(rule.getFrom());
        });
        assertThat(peers).allSatisfy(peer -> {
            assertThat(peer.getNamespaceSelector()).isNull();
            assertThat(peer.getIpBlock()).isNull();
            assertThat(peer.getPodSelector().getMatchLabels().get("app.kubernetes.io/component"))
                    .isIn("writer", "grafana", "api");
        });
        assertThat(peers).extracting(p -> p.getPodSelector().getMatchLabels().get("app.kubernetes.io/component"))
                .containsExactlyInAnyOrder("writer", "grafana", "api");
        // Every role that reads or writes InfluxDB in this render is a peer (the api reads the model API's history).
        rendered.podTemplates().forEach((workload, template) -> {
            var labels = template.getMetadata().getLabels();
            if (List.of("writer", "grafana", "api").contains(labels.get("app.kubernetes.io/component"))) {
                assertThat(peers).as(workload + " reaches InfluxDB").anySatisfy(peer -> assertThat(
                        selects(peer.getPodSelector(), labels)).isTrue());
            }
        });
    }

    @ParameterizedTest
    @FieldSource("io.heapstream.deploy.Rendered#OVERLAYS")
    void statusPortsOfTheRolesAreOpenOnlyToScrapersAndTheAggregatorsPeers(String overlay) {
        Rendered rendered = Rendered.overlay(overlay);
        rendered.podTemplates().forEach((workload, template) -> {
            var labels = template.getMetadata().getLabels();
            String role = labels.get("app.kubernetes.io/component");
            if (!List.of("collector", "aggregator", "writer").contains(role)) {
                return;
            }
            for (NetworkPolicyIngressRule rule : rules(rendered, labels)) {
                assertThat(rule.getFrom()).as(workload).isNotEmpty().allSatisfy(peer -> {
                    assertThat(peer.getIpBlock()).isNull();
                    if (peer.getNamespaceSelector() != null) {
                        assertThat(peer.getNamespaceSelector().getMatchLabels()).containsEntry(SCRAPERS, "true");
                        assertThat(peer.getPodSelector()).isNull();
                    } else {
                        assertThat(role).as(workload + " admits pods of its own namespace").isEqualTo("aggregator");
                        assertThat(peer.getPodSelector().getMatchLabels()).containsEntry(
                                "app.kubernetes.io/component", "aggregator");
                    }
                });
            }
        });
    }

    /** Ingress rules of every policy that selects pods with these labels. */
    private static List<NetworkPolicyIngressRule> rules(Rendered rendered, Map<String, String> labels) {
        var rules = new ArrayList<NetworkPolicyIngressRule>();
        for (NetworkPolicy policy : rendered.all(NetworkPolicy.class)) {
            if (selects(policy.getSpec().getPodSelector(), labels) && policy.getSpec().getIngress() != null) {
                rules.addAll(policy.getSpec().getIngress());
            }
        }
        return rules;
    }

    private static boolean selects(LabelSelector selector, Map<String, String> labels) {
        assertThat(selector.getMatchExpressions()).as("matchLabels only, so this test reads them right")
                .isNullOrEmpty();
        var match = selector.getMatchLabels();
        return match == null || labels.entrySet().containsAll(match.entrySet());
    }
}
