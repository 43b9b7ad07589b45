package io.heapstream.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** Every name a manifest refers to exists in the same render: nothing waits forever for a missing object. */
class ReferencesTest {
    /** The only values a password may have in the repository: visible placeholders. */
    private static final Set<String> PLACEHOLDERS = Set.of("change-me", "change-me-too", "change-me-admin",
            "change-me-grafana");

    @ParameterizedTest
    @FieldSource("io.heapstream.deploy.Rendered#OVERLAYS")
    void everySecretKeyReferenceResolvesToAKeyOfARenderedSecret(String overlay) {
        Rendered rendered = Rendered.overlay(overlay);
        rendered.podTemplates().forEach((workload, template) -> env(template).forEach(env -> {
            var ref = env.getValueFrom() == null ? null : env.getValueFrom().getSecretKeyRef();
            if (ref != null) {
                Secret secret = rendered.all(Secret.class).stream()
                        .filter(s -> s.getMetadata().getName().equals(ref.getName())).findFirst()
                        .orElseThrow(() -> new AssertionError(workload + " " + env.getName() + " refers to missing Secret "
                                + ref.getName()));
                assertThat(secret.getData()).as(workload + " " + env.getName()).containsKey(ref.getKey());
            }
        }));
    }

    @ParameterizedTest
    @FieldSource("io.heapstream.deploy.Rendered#OVERLAYS")
    void writerCredentialsComeFromTheInfluxSecret(String overlay) {
        Rendered rendered = Rendered.overlay(overlay);
        rendered.podTemplates().entrySet().stream().filter(e -> e.getKey().equals("heapstream-writer")).forEach(e -> {
            Container writer = Rendered.container(e.getValue(), "writer");
            for (String name : List.of("HEAPSTREAM_INFLUX_USER", "HEAPSTREAM_INFLUX_PASSWORD")) {
                EnvVar env = Rendered.env(writer, name).orElseThrow();
                assertThat(env.getValue()).as(name + " is never a literal").isNull();
                assertThat(env.getValueFrom().getSecretKeyRef().getName()).startsWith("heapstream-influx-");
            }
        });
    }

    @ParameterizedTest
    @FieldSource("io.heapstream.deploy.Rendered#OVERLAYS")
    void secretsInTheRepositoryHoldOnlyPlaceholderPasswords(String overlay) {
        for (Secret secret : Rendered.overlay(overlay).all(Secret.class)) {
            String password = decode(secret.getData().get("password"));
            assertThat(password).as(secret.getMetadata().getName()).isIn(PLACEHOLDERS);
        }
    }

    @ParameterizedTest
    @FieldSource("io.heapstream.deploy.Rendered#OVERLAYS")
    void everyConfigMapClaimAndServiceAccountReferenceResolves(String overlay) {
        Rendered rendered = Rendered.overlay(overlay);
        rendered.podTemplates().forEach((workload, template) -> {
            String account = template.getSpec().getServiceAccountName();
            if (account != null) {
                rendered.get(ServiceAccount.class, account);
            }
            for (Container container : template.getSpec().getContainers()) {
                for (EnvFromSource source : list(container.getEnvFrom())) {
                    assertExact(rendered, ConfigMap.class, source.getConfigMapRef().getName(), workload);
                }
            }
            for (Volume volume : list(template.getSpec().getVolumes())) {
                if (volume.getConfigMap() != null) {
                    assertExact(rendered, ConfigMap.class, volume.getConfigMap().getName(), workload);
                }
                if (volume.getProjected() != null) {
                    volume.getProjected().getSources().forEach(source -> assertExact(rendered, ConfigMap.class,
                            source.getConfigMap().getName(), workload));
                }
                if (volume.getPersistentVolumeClaim() != null) {
                    assertExact(rendered, PersistentVolumeClaim.class, volume.getPersistentVolumeClaim().getClaimName(),
                            workload);
                }
            }
        });
    }

    @ParameterizedTest
    @FieldSource("io.heapstream.deploy.Rendered#OVERLAYS")
    void everyPdbAndServiceSelectsPodsOfTheRender(String overlay) {
        Rendered rendered = Rendered.overlay(overlay);
        var podLabels = rendered.podTemplates().values().stream().map(t -> t.getMetadata().getLabels()).toList();
        for (PodDisruptionBudget pdb : rendered.all(PodDisruptionBudget.class)) {
            var selector = pdb.getSpec().getSelector().getMatchLabels();
            assertThat(podLabels).as("PDB " + pdb.getMetadata().getName()).anyMatch(l -> l.entrySet()
                    .containsAll(selector.entrySet()));
        }
        for (Service service : rendered.all(Service.class)) {
            Map<String, String> selector = service.getSpec().getSelector();
            assertThat(podLabels).as("Service " + service.getMetadata().getName())
                    .anyMatch(l -> l.entrySet().containsAll(selector.entrySet()));
        }
    }

    @ParameterizedTest
    @FieldSource("io.heapstream.deploy.Rendered#OVERLAYS")
    void theAggregatorAndTheWriterHaveDisruptionBudgetsWhereverTheyRun(String overlay) {
        Rendered rendered = Rendered.overlay(overlay);
        rendered.podTemplates().forEach((workload, template) -> {
            String role = template.getMetadata().getLabels().get("app.kubernetes.io/component");
            if (List.of("aggregator", "writer").contains(role)) {
                PodDisruptionBudget pdb = rendered.get(PodDisruptionBudget.class, workload);
                assertThat(pdb.getSpec().getMaxUnavailable().getIntVal()).isEqualTo(1);
                assertThat(template.getMetadata().getLabels())
                        .containsAllEntriesOf(pdb.getSpec().getSelector().getMatchLabels());
            }
        });
    }

    private static <T extends io.fabric8.kubernetes.api.model.HasMetadata> void assertExact(
            Rendered rendered, Class<T> kind, String name, String workload) {
        assertThat(rendered.all(kind)).as(workload + " refers to " + kind.getSimpleName() + " " + name)
                .anyMatch(r -> r.getMetadata().getName().equals(name));
    }

    private static List<EnvVar> env(PodTemplateSpec template) {
        return template.getSpec().getContainers().stream().flatMap(c -> list(c.getEnv()).stream()).toList();
    }

    private static <T> List<T> list(List<T> items) {
        return items == null ? List.of() : items;
    }

    private static String decode(String base64) {
        return base64 == null ? null : new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
    }
}
