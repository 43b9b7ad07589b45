package io.heapstream.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code get} on {@code nodes/proxy} reaches every kubelet endpoint, exec included: only the API-server-proxy
 * component may grant it, never the base or the overlays that scrape the kubelet directly (issue 17, item 1).
 */
class NodeProxyTest {

    @Test
    void noClusterRoleOfTheBaseGrantsNodesProxy() {
        var base = Rendered.load("base", Kustomize.render(DeployPaths.deployDir().resolve("base")));

        assertThat(base.all(ClusterRole.class)).isNotEmpty().allSatisfy(role ->
                assertThat(role.getRules()).as(role.getMetadata().getName()).noneMatch(NodeProxyTest::grantsNodesProxy));
    }

    @ParameterizedTest
    @ValueSource(strings = {"single-cluster", "multi-cluster/edge", "multi-cluster/central"})
    void overlaysThatScrapeTheKubeletDirectlyDoNotGrantIt(String overlay) {
        assertThat(Rendered.overlay(overlay).all(ClusterRole.class)).allSatisfy(role ->
                assertThat(role.getRules()).as(role.getMetadata().getName()).noneMatch(NodeProxyTest::grantsNodesProxy));
    }

    @Test
    void apiServerProxyOverlayGrantsOnlyGetOnNodesProxyToTheCollectorAndScrapesThroughTheProxy() {
        Rendered rendered = Rendered.overlay("apiserver-proxy");
        ClusterRole role = rendered.get(ClusterRole.class, "heapstream-collector-node-proxy");
        ClusterRoleBinding binding = rendered.get(ClusterRoleBinding.class, "heapstream-collector-node-proxy");
        var collector = Rendered.container(rendered.get(DaemonSet.class, "heapstream-collector").getSpec()
                .getTemplate(), "collector");

        assertThat(role.getRules()).singleElement().satisfies(rule -> {
            assertThat(rule.getApiGroups()).containsExactly("");
            assertThat(rule.getResources()).containsExactly("nodes/proxy");
            assertThat(rule.getVerbs()).containsExactly("get");
        });
        assertThat(binding.getSubjects()).singleElement().satisfies(subject ->
                assertThat(subject.getName()).isEqualTo("heapstream-collector"));
        assertThat(Rendered.envValue(collector, "HEAPSTREAM_KUBELET_SOURCE")).isEqualTo("apiserver");
        assertThat(Rendered.env(collector, "HEAPSTREAM_KUBELET_URL")).as("the proxy URL is the collector's default")
                .isEmpty();
    }

    /** Whether the rule covers get on nodes/proxy, wildcards included. */
    static boolean grantsNodesProxy(PolicyRule rule) {
        boolean core = list(rule.getApiGroups()).stream().anyMatch(g -> g.isEmpty() || g.equals("*"));
        boolean resource = list(rule.getResources()).stream().anyMatch(r -> List.of("nodes/proxy", "nodes/*", "*")
                .contains(r));
        boolean get = list(rule.getVerbs()).stream().anyMatch(v -> v.equals("get") || v.equals("*"));
        return core && resource && get;
    }

    private static <T> List<T> list(List<T> items) {
        return items == null ? List.of() : items;
    }
}
