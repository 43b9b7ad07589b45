package io.heapstream.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.APIService;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVarSource;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import java.net.URI;
import org.junit.jupiter.api.Test;

/**
 * heapstream api as metrics.k8s.io: the APIService reaches the role's HTTPS port through its Service, the role
 * may read the front-proxy ConfigMap and ask SubjectAccessReviews, and view/edit/admin may read the metrics; the
 * model API reads its longer ranges from the InfluxDB the writer fills, as InfluxDB's read-only user.
 */
class MetricsApiManifestTest {
    private static final Rendered RENDERED = Rendered.overlay("single-cluster-metrics-api");

    @Test
    void theApiServiceReachesTheRolesHttpsPortThroughItsService() {
        var apiService = RENDERED.get(APIService.class, "v1beta1.metrics.k8s.io");
        var service = RENDERED.get(Service.class, apiService.getSpec().getService().getName());
        var container = RENDERED.get(Deployment.class, "heapstream-api").getSpec().getTemplate().getSpec()
                .getContainers().get(0);

        assertThat(apiService.getSpec().getGroup()).isEqualTo("metrics.k8s.io");
        assertThat(apiService.getSpec().getVersion()).isEqualTo("v1beta1");
        assertThat(apiService.getSpec().getService().getNamespace()).isEqualTo(service.getMetadata().getNamespace());
        var port = service.getSpec().getPorts().get(0);
        assertThat(port.getPort()).isEqualTo(apiService.getSpec().getService().getPort());
        var https = container.getPorts().stream().filter(p -> p.getName().equals(port.getTargetPort().getStrVal()))
                .findFirst().orElseThrow();
        assertThat(container.getArgs()).containsExactly("api");
        assertThat(Rendered.envValue(container, "HEAPSTREAM_SECURE_PORT")).isEqualTo(https.getContainerPort().toString());
        assertThat(Rendered.envValue(container, "HEAPSTREAM_SECURE_ADDRESS")).isEqualTo("0.0.0.0");
    }

    @Test
    void theRoleMayReadTheFrontProxyConfigMapAndDelegateAuthorization() {
        var account = RENDERED.get(ServiceAccount.class, "heapstream-api");
        var reader = RENDERED.get(RoleBinding.class, "heapstream-api-auth-reader");
        var delegator = RENDERED.get(ClusterRoleBinding.class, "heapstream-api:system:auth-delegator");

        assertThat(account.getAutomountServiceAccountToken()).isTrue();
        assertThat(reader.getMetadata().getNamespace()).isEqualTo("kube-system");
        assertThat(reader.getRoleRef().getName()).isEqualTo("extension-apiserver-authentication-reader");
        assertThat(delegator.getRoleRef().getName()).isEqualTo("system:auth-delegator");
        for (Subject subject : java.util.List.of(reader.getSubjects().get(0), delegator.getSubjects().get(0))) {
            assertThat(subject.getName()).isEqualTo(account.getMetadata().getName());
            assertThat(subject.getNamespace()).isEqualTo(account.getMetadata().getNamespace());
        }
    }

    @Test
    void viewEditAndAdminMayReadTheMetrics() {
        var reader = RENDERED.get(ClusterRole.class, "system:aggregated-metrics-reader");

        assertThat(reader.getMetadata().getLabels()).containsEntry("rbac.authorization.k8s.io/aggregate-to-view", "true")
                .containsEntry("rbac.authorization.k8s.io/aggregate-to-edit", "true")
                .containsEntry("rbac.authorization.k8s.io/aggregate-to-admin", "true");
        assertThat(reader.getRules()).singleElement().satisfies(rule -> {
            assertThat(rule.getApiGroups()).containsExactly("metrics.k8s.io");
            assertThat(rule.getResources()).containsExactlyInAnyOrder("pods", "nodes");
            assertThat(rule.getVerbs()).contains("get", "list");
        });
    }

    @Test
    void theModelApiReadsTheInfluxDbServiceTheWriterFillsAsTheReadOnlyUser() {
        Container api = container("heapstream-api", "api");
        Container writer = container("heapstream-writer", "writer");
        ConfigMap writerConfig = RENDERED.get(ConfigMap.class, "heapstream-writer");

        for (String name : java.util.List.of("HEAPSTREAM_INFLUX_URL", "HEAPSTREAM_INFLUX_DB")) {
            var ref = source(api, name).getConfigMapKeyRef();
            assertThat(ref.getName()).as(name + " is the writer's").isEqualTo(writerConfig.getMetadata().getName());
            assertThat(writer.getEnvFrom()).anySatisfy(from ->
                    assertThat(from.getConfigMapRef().getName()).isEqualTo(ref.getName()));
            assertThat(writerConfig.getData()).containsKey(ref.getKey());
        }
        URI url = URI.create(writerConfig.getData().get("HEAPSTREAM_INFLUX_URL"));
        var influx = RENDERED.get(Service.class, url.getHost());
        assertThat(influx.getSpec().getPorts()).anySatisfy(p -> assertThat(p.getPort()).isEqualTo(url.getPort()));

        // The writer's user may only write (GRANT WRITE): the api queries as the user InfluxDB creates read-only.
        var influxDb = Rendered.container(RENDERED.podTemplates().get("heapstream-influxdb"), "influxdb");
        for (String[] pair : new String[][] {
                {"HEAPSTREAM_INFLUX_USER", "INFLUXDB_READ_USER"},
                {"HEAPSTREAM_INFLUX_PASSWORD", "INFLUXDB_READ_USER_PASSWORD"}}) {
            var ref = source(api, pair[0]).getSecretKeyRef();
            var created = source(influxDb, pair[1]).getSecretKeyRef();
            assertThat(Rendered.env(api, pair[0]).orElseThrow().getValue()).as("never a literal").isNull();
            assertThat(ref.getName()).as(pair[0]).isEqualTo(created.getName());
            assertThat(ref.getKey()).as(pair[0]).isEqualTo(created.getKey());
        }
    }

    private static Container container(String workload, String name) {
        return Rendered.container(RENDERED.podTemplates().get(workload), name);
    }

    private static EnvVarSource source(Container container, String name) {
        var env = Rendered.env(container, name)
                .orElseThrow(() -> new AssertionError(container.getName() + " has no env " + name));
        assertThat(env.getValueFrom()).as(container.getName() + " " + name + " comes from a reference").isNotNull();
        return env.getValueFrom();
    }
}
