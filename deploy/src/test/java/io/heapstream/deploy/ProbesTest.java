package io.heapstream.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Probe;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * Probes and scrape annotations point at the port the role actually serves: the {@code http} container port
 * must be the {@code HEAPSTREAM_HTTP_PORT} the role is told to listen on, on every interface.
 */
class ProbesTest {
    private static final List<String> ROLES = List.of("collector", "aggregator", "writer");

    @ParameterizedTest
    @FieldSource("io.heapstream.deploy.Rendered#OVERLAYS")
    void rolesProbeHealthAndReadinessOnTheNamedPortTheyServe(String overlay) {
        heapstreamContainers(overlay).forEach(entry -> {
            Container container = entry.getValue();
            String what = entry.getKey();
            int served = Integer.parseInt(Rendered.envValue(container, "HEAPSTREAM_HTTP_PORT"));

            assertThat(port(container, "http").getContainerPort()).as(what + " http port").isEqualTo(served);
            assertThat(Rendered.envValue(container, "HEAPSTREAM_HTTP_ADDRESS"))
                    .as(what + ": the kubelet probes the pod IP, not loopback").isEqualTo("0.0.0.0");
            assertHttpProbe(what + " liveness", container.getLivenessProbe(), "/healthz", "http");
            assertHttpProbe(what + " readiness", container.getReadinessProbe(), "/readyz", "http");
            if (container.getStartupProbe() != null) {
                assertHttpProbe(what + " startup", container.getStartupProbe(), "/healthz", "http");
            }
        });
    }

    @ParameterizedTest
    @FieldSource("io.heapstream.deploy.Rendered#OVERLAYS")
    void rolesAreAnnotatedForPrometheusOnTheServedPort(String overlay) {
        Rendered.overlay(overlay).podTemplates().forEach((workload, template) -> {
            if (!isRole(template)) {
                return;
            }
            Map<String, String> annotations = template.getMetadata().getAnnotations();
            Container container = template.getSpec().getContainers().get(0);
            assertThat(annotations).as(workload).containsEntry("prometheus.io/scrape", "true")
                    .containsEntry("prometheus.io/path", "/metrics")
                    .containsEntry("prometheus.io/port", Rendered.envValue(container, "HEAPSTREAM_HTTP_PORT"));
        });
    }

    @ParameterizedTest
    @FieldSource("io.heapstream.deploy.Rendered#OVERLAYS")
    void everyProbeOfEveryContainerUsesANamedPortTheContainerDeclares(String overlay) {
        Rendered.overlay(overlay).podTemplates().forEach((workload, template) -> {
            for (Container container : template.getSpec().getContainers()) {
                String what = workload + "/" + container.getName();
                assertThat(container.getLivenessProbe()).as(what + " liveness").isNotNull();
                assertThat(container.getReadinessProbe()).as(what + " readiness").isNotNull();
                Stream.of(container.getLivenessProbe(), container.getReadinessProbe(), container.getStartupProbe())
                        .filter(p -> p != null)
                        .forEach(probe -> {
                            String name = probe.getHttpGet().getPort().getStrVal();
                            assertThat(name).as(what + " probe port is named").isNotNull();
                            port(container, name);
                        });
            }
        });
    }

    private static void assertHttpProbe(String what, Probe probe, String path, String port) {
        assertThat(probe).as(what).isNotNull();
        assertThat(probe.getHttpGet().getPath()).as(what + " path").isEqualTo(path);
        assertThat(probe.getHttpGet().getPort().getStrVal()).as(what + " port").isEqualTo(port);
    }

    private static ContainerPort port(Container container, String name) {
        return container.getPorts().stream().filter(p -> name.equals(p.getName())).findFirst()
                .orElseThrow(() -> new AssertionError(container.getName() + " declares no port named " + name));
    }

    private static boolean isRole(PodTemplateSpec template) {
        return ROLES.contains(template.getMetadata().getLabels().get("app.kubernetes.io/component"))
                && "heapstream".equals(template.getMetadata().getLabels().get("app.kubernetes.io/name"));
    }

    private static Stream<Map.Entry<String, Container>> heapstreamContainers(String overlay) {
        return Rendered.overlay(overlay).podTemplates().entrySet().stream()
                .filter(e -> isRole(e.getValue()))
                .map(e -> Map.entry(e.getKey(), e.getValue().getSpec().getContainers().get(0)));
    }
}
