package io.heapstream.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** What runs where: one cluster with everything, or edge collectors feeding a central pipeline. */
class OverlayLayoutTest {

    @Test
    void singleClusterRunsTheWholePipelineWithInfluxDbAndGrafana() {
        Rendered rendered = Rendered.overlay("single-cluster");

        assertThat(workloads(rendered)).containsExactlyInAnyOrder("heapstream-collector", "heapstream-aggregator",
                "heapstream-writer", "heapstream-alerter", "heapstream-influxdb", "heapstream-grafana");
    }

    @Test
    void edgeClustersRunOnlyCollectorsPointedAtTheCentralKafka() {
        Rendered rendered = Rendered.overlay("multi-cluster/edge");

        assertThat(workloads(rendered)).containsExactly("heapstream-collector");
        assertThat(rendered.names()).allMatch(name -> name.startsWith("Namespace/")
                || name.contains("collector") || name.startsWith("ConfigMap/heapstream-config-")
                || name.equals("NetworkPolicy/heapstream-default-deny-ingress"));
        assertThat(config(rendered).getData().get("HEAPSTREAM_KAFKA_BOOTSTRAP")).isNotEqualTo(
                config(Rendered.overlay("single-cluster")).getData().get("HEAPSTREAM_KAFKA_BOOTSTRAP"));
    }

    @Test
    void theCentralClusterRunsEverythingAfterKafkaAndNoCollector() {
        Rendered rendered = Rendered.overlay("multi-cluster/central");

        assertThat(workloads(rendered)).containsExactlyInAnyOrder("heapstream-aggregator", "heapstream-writer",
                "heapstream-alerter", "heapstream-influxdb", "heapstream-grafana");
        assertThat(rendered.all(ClusterRole.class)).isEmpty();
    }

    @ParameterizedTest
    @FieldSource("io.heapstream.deploy.Rendered#OVERLAYS")
    void everyOverlayCreatesTheRestrictedNamespaceAndNamesItsClusterAndKafka(String overlay) {
        Rendered rendered = Rendered.overlay(overlay);

        assertThat(rendered.get(Namespace.class, "heapstream").getMetadata().getLabels())
                .containsEntry("pod-security.kubernetes.io/enforce", "restricted");
        assertThat(config(rendered).getData()).containsKeys("HEAPSTREAM_KAFKA_BOOTSTRAP", "HEAPSTREAM_CLUSTER");
    }

    private static ConfigMap config(Rendered rendered) {
        return rendered.get(ConfigMap.class, "heapstream-config");
    }

    private static java.util.List<String> workloads(Rendered rendered) {
        var names = new java.util.ArrayList<String>();
        rendered.all(DaemonSet.class).forEach(r -> names.add(r.getMetadata().getName()));
        rendered.all(StatefulSet.class).forEach(r -> names.add(r.getMetadata().getName()));
        rendered.all(Deployment.class).forEach(r -> names.add(r.getMetadata().getName()));
        return names;
    }
}
