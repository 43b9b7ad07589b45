package io.heapstream.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import java.util.HashSet;
import org.junit.jupiter.api.Test;

/** overlays/pooled: a few collector replicas instead of one per node, with only the grants they use. */
class PooledOverlayTest {
    private final Rendered rendered = Rendered.overlay("pooled");

    @Test
    void aDeploymentOfPooledCollectorsReplacesTheDaemonSet() {
        assertThat(rendered.all(DaemonSet.class)).isEmpty();
        Deployment pool = rendered.get(Deployment.class, "heapstream-collector-pool");
        var collector = Rendered.container(pool.getSpec().getTemplate(), "collector");

        assertThat(pool.getSpec().getReplicas()).isGreaterThan(1);
        assertThat(pool.getSpec().getTemplate().getSpec().getServiceAccountName()).isEqualTo("heapstream-collector");
        assertThat(Rendered.envValue(collector, "HEAPSTREAM_MODE")).isEqualTo("pooled");
        assertThat(Rendered.envValue(collector, "HEAPSTREAM_METADATA")).isEqualTo("kubelet");
        assertThat(Rendered.env(collector, "HEAPSTREAM_KUBELET_URL")).as("each node's URL comes from its Node")
                .isEmpty();
        assertThat(rendered.get(PodDisruptionBudget.class, "heapstream-collector-pool").getSpec().getSelector()
                .getMatchLabels()).isEqualTo(pool.getSpec().getSelector().getMatchLabels());
    }

    @Test
    void theCollectorMayListAndWatchNodesAndReadStatsAndPodListsAndNothingElse() {
        var grants = new HashSet<String>();
        rendered.get(ClusterRole.class, "heapstream-collector").getRules().forEach(rule -> {
            assertThat(rule.getResourceNames()).isNullOrEmpty();
            rule.getApiGroups().forEach(group -> rule.getResources().forEach(resource -> rule.getVerbs()
                    .forEach(verb -> grants.add(group + "/" + resource + ":" + verb))));
        });

        assertThat(grants).containsExactlyInAnyOrder("/nodes:list", "/nodes:watch", "/nodes/stats:get",
                "/nodes/pods:get");
        assertThat(rendered.get(ClusterRoleBinding.class, "heapstream-collector").getSubjects())
                .singleElement().satisfies(s -> assertThat(s.getName()).isEqualTo("heapstream-collector"));
    }

    @Test
    void theDaemonSetsStatusPolicyCoversThePooledReplicas() {
        var labels = rendered.get(Deployment.class, "heapstream-collector-pool").getSpec().getTemplate()
                .getMetadata().getLabels();
        var selector = rendered.get(NetworkPolicy.class, "heapstream-collector-status").getSpec().getPodSelector()
                .getMatchLabels();

        assertThat(labels).containsAllEntriesOf(selector);
    }
}
