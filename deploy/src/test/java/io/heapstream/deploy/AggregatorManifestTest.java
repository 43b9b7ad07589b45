package io.heapstream.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The aggregator as the clusters that run it have it: single-cluster and central. */
class AggregatorManifestTest {

    @ParameterizedTest
    @ValueSource(strings = {"single-cluster", "multi-cluster/central"})
    void stateLivesOnAPersistentVolumePerInstance(String overlay) {
        StatefulSet aggregator = aggregator(overlay);
        Container container = Rendered.container(aggregator.getSpec().getTemplate(), "aggregator");
        String stateDir = Rendered.envValue(container, "HEAPSTREAM_STATE_DIR");

        assertThat(aggregator.getSpec().getVolumeClaimTemplates()).singleElement().satisfies(claim -> {
            assertThat(claim.getMetadata().getName()).isEqualTo("state");
            assertThat(claim.getSpec().getAccessModes()).containsExactly("ReadWriteOnce");
            assertThat(claim.getSpec().getResources().getRequests()).containsKey("storage");
        });
        assertThat(container.getVolumeMounts())
                .anySatisfy(mount -> {
                    assertThat(mount.getName()).isEqualTo("state");
                    assertThat(mount.getMountPath()).isEqualTo(stateDir);
                    assertThat(mount.getReadOnly()).isNotEqualTo(Boolean.TRUE);
                });
        // A non-root user can write the volume only through the pod's fsGroup.
        assertThat(aggregator.getSpec().getTemplate().getSpec().getSecurityContext().getFsGroup()).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"single-cluster", "multi-cluster/central"})
    void applicationServerIsThePodsOwnAddressOnTheServedPort(String overlay) {
        Container container = Rendered.container(aggregator(overlay).getSpec().getTemplate(), "aggregator");
        var env = container.getEnv();
        int podIp = indexOf(container, "HEAPSTREAM_POD_IP");
        int server = indexOf(container, "HEAPSTREAM_APPLICATION_SERVER");

        assertThat(env.get(podIp).getValueFrom().getFieldRef().getFieldPath()).isEqualTo("status.podIP");
        assertThat(env.get(server).getValue())
                .isEqualTo("$(HEAPSTREAM_POD_IP):" + Rendered.envValue(container, "HEAPSTREAM_HTTP_PORT"));
        // Kubernetes expands $(VAR) only from variables defined earlier in the list.
        assertThat(podIp).isLessThan(server);
    }

    @ParameterizedTest
    @ValueSource(strings = {"single-cluster", "multi-cluster/central"})
    void twoInstancesWithOneStandbyReplica(String overlay) {
        StatefulSet aggregator = aggregator(overlay);
        Container container = Rendered.container(aggregator.getSpec().getTemplate(), "aggregator");

        assertThat(Rendered.envValue(container, "HEAPSTREAM_STANDBY_REPLICAS")).isEqualTo("1");
        assertThat(aggregator.getSpec().getReplicas())
                .as("a standby needs another instance to live on").isGreaterThanOrEqualTo(2);
        assertThat(container.getArgs()).containsExactly("aggregator");
    }

    @ParameterizedTest
    @ValueSource(strings = {"single-cluster", "multi-cluster/central"})
    void governingServiceIsHeadlessAndSelectsTheInstances(String overlay) {
        Rendered rendered = Rendered.overlay(overlay);
        StatefulSet aggregator = aggregator(overlay);
        Service service = rendered.get(Service.class, aggregator.getSpec().getServiceName());

        assertThat(service.getSpec().getClusterIP()).isEqualTo("None");
        assertThat(aggregator.getSpec().getTemplate().getMetadata().getLabels())
                .containsAllEntriesOf(service.getSpec().getSelector());
        assertThat(rendered.get(ServiceAccount.class, "heapstream-aggregator").getAutomountServiceAccountToken())
                .as("the aggregator does not talk to the Kubernetes API").isFalse();
    }

    private static StatefulSet aggregator(String overlay) {
        return Rendered.overlay(overlay).get(StatefulSet.class, "heapstream-aggregator");
    }

    private static int indexOf(Container container, String name) {
        for (int i = 0; i < container.getEnv().size(); i++) {
            if (container.getEnv().get(i).getName().equals(name)) {
                return i;
            }
        }
        throw new AssertionError(container.getName() + " has no env " + name);
    }
}
