package io.heapstream.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Volume;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** Every pod of every overlay meets the "restricted" Pod Security Standard its namespace enforces. */
class PodSecurityTest {

    @ParameterizedTest
    @FieldSource("io.heapstream.deploy.Rendered#OVERLAYS")
    void everyPodRunsAsNonRootWithTheRuntimeDefaultSeccompProfile(String overlay) {
        Rendered.overlay(overlay).podTemplates().forEach((workload, template) -> {
            PodSpec pod = template.getSpec();
            assertThat(pod.getSecurityContext().getRunAsNonRoot()).as(workload).isTrue();
            assertThat(pod.getSecurityContext().getRunAsUser()).as(workload).isNotNull().isNotZero();
            assertThat(pod.getSecurityContext().getSeccompProfile().getType()).as(workload).isEqualTo("RuntimeDefault");
            assertThat(pod.getHostNetwork()).as(workload + " hostNetwork").isNotEqualTo(Boolean.TRUE);
            assertThat(pod.getHostPID()).as(workload + " hostPID").isNotEqualTo(Boolean.TRUE);
            assertThat(pod.getHostIPC()).as(workload + " hostIPC").isNotEqualTo(Boolean.TRUE);
            assertThat(volumes(pod)).as(workload + " volumes").noneMatch(v -> v.getHostPath() != null);
        });
    }

    @ParameterizedTest
    @FieldSource("io.heapstream.deploy.Rendered#OVERLAYS")
    void everyContainerHasAReadOnlyRootNoEscalationAndNoCapabilities(String overlay) {
        Rendered.overlay(overlay).podTemplates().forEach((workload, template) -> {
            for (Container container : containers(template.getSpec())) {
                var context = container.getSecurityContext();
                String what = workload + "/" + container.getName();
                assertThat(context).as(what).isNotNull();
                assertThat(context.getAllowPrivilegeEscalation()).as(what + " allowPrivilegeEscalation").isFalse();
                assertThat(context.getReadOnlyRootFilesystem()).as(what + " readOnlyRootFilesystem").isTrue();
                assertThat(context.getRunAsNonRoot()).as(what + " runAsNonRoot").isTrue();
                assertThat(context.getPrivileged()).as(what + " privileged").isNotEqualTo(Boolean.TRUE);
                assertThat(context.getCapabilities().getDrop()).as(what + " dropped").containsExactly("ALL");
                assertThat(context.getCapabilities().getAdd()).as(what + " added").isNullOrEmpty();
            }
        });
    }

    @ParameterizedTest
    @FieldSource("io.heapstream.deploy.Rendered#OVERLAYS")
    void everyJvmHasAWritableTmpBecauseTheRootIsReadOnly(String overlay) {
        Rendered.overlay(overlay).podTemplates().forEach((workload, template) -> {
            for (Container container : containers(template.getSpec())) {
                assertThat(container.getVolumeMounts()).as(workload + "/" + container.getName())
                        .anySatisfy(mount -> assertThat(mount.getMountPath()).isEqualTo("/tmp"));
            }
        });
    }

    private static List<Container> containers(PodSpec pod) {
        var all = new ArrayList<>(pod.getContainers());
        if (pod.getInitContainers() != null) {
            all.addAll(pod.getInitContainers());
        }
        return all;
    }

    private static List<Volume> volumes(PodSpec pod) {
        return pod.getVolumes() == null ? List.of() : pod.getVolumes();
    }
}
