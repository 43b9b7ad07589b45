package io.heapstream.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeProjection;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Grafana finds its datasource, its dashboards and its credentials where the provisioning files say. */
class GrafanaProvisioningTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();
    /** kubectl's client-side apply keeps the whole object in an annotation of at most 256 KiB. */
    private static final int LAST_APPLIED_LIMIT = 262_144;

    @ParameterizedTest
    @ValueSource(strings = {"single-cluster", "multi-cluster/central"})
    void everyDashboardFileIsMountedWhereTheProviderLooks(String overlay) throws IOException {
        Rendered rendered = Rendered.overlay(overlay);
        Container grafana = grafana(rendered);
        JsonNode provider = provisioningFile(rendered, grafana, "/etc/grafana/provisioning/dashboards");
        String path = provider.path("providers").get(0).path("options").path("path").asText();

        Volume dashboards = volumeMountedAt(rendered, grafana, path);
        var mounted = new HashMap<String, String>();
        for (VolumeProjection source : dashboards.getProjected().getSources()) {
            mounted.putAll(configMap(rendered, source.getConfigMap().getName()).getData());
        }
        assertThat(mounted.keySet()).containsExactlyInAnyOrderElementsOf(dashboardFiles());
        for (String file : dashboardFiles()) {
            assertThat(mounted.get(file)).as(file + " mounted as committed")
                    .isEqualTo(Files.readString(dashboardDir().resolve(file)));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"single-cluster", "multi-cluster/central"})
    void datasourcePointsAtTheBundledInfluxDbAndTheWritersDatabase(String overlay) {
        Rendered rendered = Rendered.overlay(overlay);
        Container grafana = grafana(rendered);
        JsonNode datasource = provisioningFile(rendered, grafana, "/etc/grafana/provisioning/datasources")
                .path("datasources").get(0);
        Service influx = rendered.get(Service.class, "heapstream-influxdb");
        String writerDb = rendered.get(ConfigMap.class, "heapstream-writer").getData().get("HEAPSTREAM_INFLUX_DB");

        assertThat(datasource.path("uid").asText()).isEqualTo("heapstream-influxdb");
        assertThat(datasource.path("type").asText()).isEqualTo("influxdb");
        assertThat(datasource.path("url").asText()).isEqualTo("http://" + influx.getMetadata().getName() + ":"
                + influx.getSpec().getPorts().get(0).getPort());
        assertThat(datasource.path("jsonData").path("dbName").asText()).isEqualTo(writerDb);
        // Credentials are expanded by Grafana from its environment, which the read-only Secret fills.
        List<String> env = grafana.getEnv().stream().filter(e -> e.getValueFrom() != null)
                .map(EnvVar::getName).toList();
        assertThat(datasource.path("user").asText()).startsWith("$").satisfies(v -> assertThat(env).contains(v.substring(1)));
        assertThat(datasource.path("secureJsonData").path("password").asText()).startsWith("$")
                .satisfies(v -> assertThat(env).contains(v.substring(1)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"single-cluster", "multi-cluster/central"})
    void everyConfigMapFitsTheAnnotationThatKubectlApplyKeeps(String overlay) throws IOException {
        for (ConfigMap configMap : Rendered.overlay(overlay).all(ConfigMap.class)) {
            // The annotation is the object as compact JSON; its data dominates. (Jackson 2 here: fabric8's own
            // Jackson 3 serializer needs newer jackson-annotations than the build pins.)
            var object = Map.of("apiVersion", "v1", "kind", "ConfigMap",
                    "metadata", Map.of("name", configMap.getMetadata().getName(), "namespace", "heapstream"),
                    "data", configMap.getData());
            assertThat(JSON.writeValueAsString(object).length()).as(configMap.getMetadata().getName())
                    .isLessThan(LAST_APPLIED_LIMIT);
        }
    }

    private static JsonNode provisioningFile(Rendered rendered, Container grafana, String mountPath) {
        Volume volume = volumeMountedAt(rendered, grafana, mountPath);
        Map<String, String> data = configMap(rendered, volume.getConfigMap().getName()).getData();
        assertThat(data).as(mountPath).hasSize(1);
        try {
            return YAML.readTree(data.values().iterator().next());
        } catch (IOException e) {
            throw new AssertionError("provisioning file at " + mountPath + " is not YAML", e);
        }
    }

    private static Volume volumeMountedAt(Rendered rendered, Container grafana, String path) {
        String name = grafana.getVolumeMounts().stream().filter(m -> m.getMountPath().equals(path)).findFirst()
                .orElseThrow(() -> new AssertionError("nothing mounted at " + path)).getName();
        return rendered.get(Deployment.class, "heapstream-grafana").getSpec().getTemplate().getSpec().getVolumes()
                .stream().filter(v -> v.getName().equals(name)).findFirst().orElseThrow();
    }

    private static ConfigMap configMap(Rendered rendered, String exactName) {
        return rendered.all(ConfigMap.class).stream().filter(c -> c.getMetadata().getName().equals(exactName))
                .findFirst().orElseThrow(() -> new AssertionError("no ConfigMap " + exactName));
    }

    private static Container grafana(Rendered rendered) {
        return Rendered.container(rendered.get(Deployment.class, "heapstream-grafana").getSpec().getTemplate(),
                "grafana");
    }

    private static Path dashboardDir() {
        return DeployPaths.deployDir().resolve("grafana/dashboards");
    }

    private static List<String> dashboardFiles() throws IOException {
        try (Stream<Path> files = Files.list(dashboardDir())) {
            return files.map(f -> f.getFileName().toString()).filter(f -> f.endsWith(".json")).sorted().toList();
        }
    }
}
