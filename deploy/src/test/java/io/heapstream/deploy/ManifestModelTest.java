package io.heapstream.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

class ManifestModelTest {

    @ParameterizedTest
    @FieldSource("io.heapstream.deploy.Rendered#OVERLAYS")
    void everyDocumentOfEveryOverlayLoadsAsATypedObjectWithoutUnknownFields(String overlay) {
        Rendered rendered = Rendered.overlay(overlay);

        assertThat(rendered.resources()).isNotEmpty();
        assertThat(rendered.resources()).allSatisfy(r -> {
            assertThat(r.getMetadata().getName()).isNotBlank();
            boolean clusterScoped = r.getKind().startsWith("Cluster") || r.getKind().equals("Namespace")
                    || r.getKind().equals("APIService");
            // the one object that must live elsewhere: read access to kube-system's front-proxy ConfigMap
            boolean authReader = r.getKind().equals("RoleBinding")
                    && r.getMetadata().getName().equals("heapstream-api-auth-reader");
            if (!clusterScoped) {
                assertThat(r.getMetadata().getNamespace()).as(r.getKind() + " namespace")
                        .isEqualTo(authReader ? "kube-system" : "heapstream");
            }
        });
    }

    @Test
    void aMisspelledFieldIsReportedNotIgnored() {
        String yaml = """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: typo
                spec:
                  containers:
                    - name: c
                      image: busybox
                      securityContext:
                        readOnlyRootFileSystem: true
                """;

        assertThatThrownBy(() -> Rendered.load("inline", yaml))
                .hasMessageContaining("spec.containers[0].securityContext.readOnlyRootFileSystem");
    }

    @Test
    void aKindTheModelDoesNotKnowIsReported() {
        String yaml = """
                apiVersion: example.com/v1
                kind: Widget
                metadata:
                  name: w
                """;

        assertThatThrownBy(() -> Rendered.load("inline", yaml)).hasMessageContaining("not a kind of the fabric8 model");
    }
}
