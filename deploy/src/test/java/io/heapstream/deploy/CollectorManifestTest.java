package io.heapstream.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The collector as every cluster with collectors runs it: the single-cluster and edge overlays. */
class CollectorManifestTest {
    /** apiGroup/resource:verb, exactly what the collector uses (see the ClusterRole's comments). */
    private static final Set<String> GRANTS = Set.of(
            "/nodes/stats:get",
            "/nodes:get",
            "/nodes:list",
            "/nodes:watch",
            "/pods:list",
            "/pods:watch",
            "apps/replicasets:get",
            "batch/jobs:get");

    @ParameterizedTest
    @ValueSource(strings = {"single-cluster", "multi-cluster/edge"})
    void clusterRoleGrantsExactlyWhatTheCollectorUses(String overlay) {
        ClusterRole role = Rendered.overlay(overlay).get(ClusterRole.class, "heapstream-collector");

        var grants = new HashSet<String>();
        for (PolicyRule rule : role.getRules()) {
            assertThat(rule.getResourceNames()).as("resourceNames").isNullOrEmpty();
            assertThat(rule.getNonResourceURLs()).as("nonResourceURLs").isNullOrEmpty();
            for (String group : rule.getApiGroups()) {
                for (String resource : rule.getResources()) {
                    for (String verb : rule.getVerbs()) {
                        grants.add(group + "/" + resource + ":" + verb);
                    }
                }
            }
        }

        assertThat(grants).containsExactlyInAnyOrderElementsOf(GRANTS);
        assertThat(role.getAggregationRule()).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"single-cluster", "multi-cluster/edge"})
    void theRoleIsBoundToTheCollectorsServiceAccountOnly(String overlay) {
        Rendered rendered = Rendered.overlay(overlay);
        ClusterRoleBinding binding = rendered.get(ClusterRoleBinding.class, "heapstream-collector");
        DaemonSet collector = rendered.get(DaemonSet.class, "heapstream-collector");

        assertThat(binding.getRoleRef().getKind()).isEqualTo("ClusterRole");
        assertThat(binding.getRoleRef().getName()).isEqualTo("heapstream-collector");
        assertThat(binding.getSubjects()).singleElement().satisfies(subject -> {
            assertThat(subject.getKind()).isEqualTo("ServiceAccount");
            assertThat(subject.getName()).isEqualTo(collector.getSpec().getTemplate().getSpec().getServiceAccountName());
            assertThat(subject.getNamespace()).isEqualTo(collector.getMetadata().getNamespace());
        });
        assertThat(rendered.all(ClusterRoleBinding.class)).hasSize(1);
        assertThat(rendered.get(ServiceAccount.class, "heapstream-collector").getAutomountServiceAccountToken())
                .as("the collector needs its token for the kubelet and the informer").isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"single-cluster", "multi-cluster/edge"})
    void collectorToleratesEveryTaintSoItRunsOnEveryNode(String overlay) {
        DaemonSet collector = Rendered.overlay(overlay).get(DaemonSet.class, "heapstream-collector");

        assertThat(collector.getSpec().getTemplate().getSpec().getTolerations()).singleElement().satisfies(t -> {
            assertThat(t.getOperator()).isEqualTo("Exists");
            // No key and no effect: the toleration matches every taint, NoExecute included.
            assertThat(t.getKey()).isNull();
            assertThat(t.getEffect()).isNull();
            assertThat(t.getTolerationSeconds()).isNull();
        });
        assertThat(collector.getSpec().getTemplate().getSpec().getNodeSelector()).isNullOrEmpty();
        assertThat(collector.getSpec().getTemplate().getSpec().getAffinity()).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"single-cluster", "multi-cluster/edge"})
    void nodeNameAndNodeIpComeFromTheDownwardApi(String overlay) {
        Container container = collectorContainer(overlay);

        assertThat(Rendered.env(container, "HEAPSTREAM_NODE_NAME").orElseThrow().getValueFrom().getFieldRef()
                .getFieldPath()).isEqualTo("spec.nodeName");
        assertThat(Rendered.env(container, "HEAPSTREAM_NODE_IP").orElseThrow().getValueFrom().getFieldRef()
                .getFieldPath()).isEqualTo("status.hostIP");
        assertThat(container.getArgs()).containsExactly("collector");
    }

    @ParameterizedTest
    @ValueSource(strings = {"single-cluster", "multi-cluster/edge"})
    void collectorScrapesItsOwnKubeletByTheNodeIp(String overlay) {
        Container container = collectorContainer(overlay);
        var names = container.getEnv().stream().map(e -> e.getName()).toList();

        assertThat(Rendered.envValue(container, "HEAPSTREAM_KUBELET_URL"))
                .isEqualTo("https://$(HEAPSTREAM_NODE_IP):10250/stats/summary");
        // Kubernetes expands $(VAR) only from variables defined earlier in the list.
        assertThat(names.indexOf("HEAPSTREAM_NODE_IP")).isBetween(0, names.indexOf("HEAPSTREAM_KUBELET_URL") - 1);
        assertThat(Rendered.envValue(container, "HEAPSTREAM_KUBELET_INSECURE_SKIP_VERIFY")).isEqualTo("false");
    }

    @ParameterizedTest
    @ValueSource(strings = {"single-cluster", "multi-cluster/edge"})
    void collectorRunsWithItsMeasuredJvmFlagsAndResources(String overlay) {
        Container container = collectorContainer(overlay);

        assertThat(Rendered.envValue(container, "JAVA_TOOL_OPTIONS")).isEqualTo("-Xms12m -Xmx32m"
                + " -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=20 -Xss256k -XX:+UseSerialGC -XX:TieredStopAtLevel=1"
                + " -XX:CICompilerCount=1 -XX:MaxMetaspaceSize=64m -XX:ReservedCodeCacheSize=16m"
                + " -XX:MaxDirectMemorySize=16m -XX:TrimNativeHeapInterval=30000 -XX:-UsePerfData"
                + " -XX:+UnlockDiagnosticVMOptions -XX:GuaranteedSafepointInterval=0 -XX:AsyncDeflationInterval=10000"
                + " -XX:+ExitOnOutOfMemoryError");
        assertThat(Rendered.envValue(container, "MALLOC_ARENA_MAX")).isEqualTo("2");
        assertThat(container.getResources().getRequests())
                .isEqualTo(Map.of("cpu", new Quantity("10m"), "memory", new Quantity("144Mi")));
        assertThat(container.getResources().getLimits()).isEqualTo(Map.of("memory", new Quantity("160Mi")));
        // Every JVM cap together (heap, metaspace, code cache, direct buffers) stays under the limit, so the
        // JVM fails on its own terms (ExitOnOutOfMemoryError) before the kernel kills the container.
        long caps = (32L + 64 + 16 + 16) << 20;
        assertThat(caps).isLessThanOrEqualTo(Quantity.getAmountInBytes(container.getResources().getLimits().get("memory"))
                .longValue());
    }

    private static Container collectorContainer(String overlay) {
        DaemonSet collector = Rendered.overlay(overlay).get(DaemonSet.class, "heapstream-collector");
        return Rendered.container(collector.getSpec().getTemplate(), "collector");
    }
}
