package io.heapstream.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FixturesTest {

    @Test
    void listsEveryCaptureWithItsFolder() {
        assertThat(Fixtures.paths())
                .contains("nri-kubernetes/k8s-1_31/stats-summary.json",
                        "nri-kubernetes/k8s-1_28/kubelet-pods.json",
                        "otel-collector-contrib/windows-eks-pair/stats-summary-60s-later.json",
                        "datadog-integrations-core/windows-eks/stats-summary.json",
                        "elastic-beats/gke-derived/stats-summary-multiple-containers.json")
                .isSorted()
                .allMatch(path -> !path.startsWith("/") && !path.contains("\\"));
    }

    @Test
    void everySourceProjectShipsItsLicence() {
        var projects = Fixtures.paths().stream()
                .filter(path -> path.contains("/"))
                .map(path -> path.substring(0, path.indexOf('/')))
                .distinct()
                .toList();

        // heapster-reference is data derived from the captures: their licences, no LICENSE of its own.
        assertThat(projects).hasSize(6).filteredOn(project -> !project.equals("heapster-reference"))
                .allMatch(project -> Fixtures.paths().contains(project + "/LICENSE"));
    }

    @Test
    void readsACaptureAsText() {
        assertThat(Fixtures.string("nri-kubernetes/k8s-1_31/stats-summary.json"))
                .startsWith("{").contains("\"nodeName\"");
    }

    @Test
    void bytesAndTextAgree() {
        var path = "nri-kubernetes/k8s-1_35/nodes.yaml";

        assertThat(new String(Fixtures.bytes(path), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(Fixtures.string(path));
    }

    @Test
    void listsFixturesInsideAJarAsWell(@TempDir Path dir) throws Exception {
        var jar = dir.resolve("kit.jar");
        try (var out = new JarOutputStream(Files.newOutputStream(jar))) {
            for (var entry : List.of("fixtures/README.md", "fixtures/project/LICENSE", "fixtures/project/v1/stats-summary.json")) {
                out.putNextEntry(new JarEntry(entry));
                out.write('x');
                out.closeEntry();
            }
        }

        try (var loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            assertThat(Fixtures.paths(loader))
                    .containsExactly("README.md", "project/LICENSE", "project/v1/stats-summary.json");
        }
    }

    @Test
    void unknownFixtureFailsNamingThePath() {
        assertThatThrownBy(() -> Fixtures.bytes("nri-kubernetes/k8s-9_99/stats-summary.json"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("k8s-9_99");
    }
}
