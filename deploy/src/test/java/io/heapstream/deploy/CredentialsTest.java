package io.heapstream.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * No default or placeholder credential goes live (issue 17, item 2): Grafana's admin comes from a Secret, every
 * pod that creates users from Secrets refuses to start while a password is one of the repository's placeholders
 * (its init script is run here, with the rendered Secrets), and the writer's InfluxDB user may only write.
 */
class CredentialsTest {
    private static final String CHECK = "refuse-placeholder-passwords";
    /** The pods that create users from the Secrets they read. */
    private static final List<String> USER_CREATORS = List.of("heapstream-influxdb", "heapstream-grafana");

    @ParameterizedTest
    @ValueSource(strings = {"single-cluster", "multi-cluster/central", "apiserver-proxy"})
    void grafanasAdminPasswordComesFromASecretNeverTheDefault(String overlay) {
        var grafana = Rendered.container(Rendered.overlay(overlay).podTemplates().get("heapstream-grafana"), "grafana");

        for (String name : List.of("GF_SECURITY_ADMIN_USER", "GF_SECURITY_ADMIN_PASSWORD")) {
            var env = Rendered.env(grafana, name).orElseThrow(() -> new AssertionError(name + " is not set"));
            assertThat(env.getValue()).as(name + " is never a literal").isNull();
            assertThat(env.getValueFrom().getSecretKeyRef().getName()).startsWith("heapstream-grafana-admin-");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"single-cluster", "multi-cluster/central", "apiserver-proxy"})
    void everyPasswordAPodCreatesAUserWithIsCheckedBeforeItStarts(String overlay) {
        Rendered rendered = Rendered.overlay(overlay);
        for (String workload : USER_CREATORS) {
            PodTemplateSpec pod = rendered.podTemplates().get(workload);
            var used = new ArrayList<String>();
            pod.getSpec().getContainers().forEach(c -> list(c.getEnv()).stream()
                    .filter(e -> e.getValueFrom() != null && e.getValueFrom().getSecretKeyRef() != null)
                    .filter(e -> e.getValueFrom().getSecretKeyRef().getKey().equals("password"))
                    .forEach(e -> used.add(e.getValueFrom().getSecretKeyRef().getName())));

            assertThat(checkedSecrets(pod).values()).as(workload).containsAll(used);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"single-cluster", "multi-cluster/central", "apiserver-proxy"})
    void initCheckRefusesThePlaceholdersOfTheRepositoryAndGrafanasDefaultButNotRealPasswords(String overlay,
                                                                                           @TempDir Path dir)
            throws Exception {
        Rendered rendered = Rendered.overlay(overlay);
        for (String workload : USER_CREATORS) {
            PodTemplateSpec pod = rendered.podTemplates().get(workload);
            var secrets = checkedSecrets(pod);
            secrets.forEach((subdirectory, secret) -> write(dir.resolve(workload + subdirectory), password(rendered,
                    secret)));
            Path root = dir.resolve(workload + "/run/heapstream-secrets");

            assertThat(run(pod, root)).as(workload + " with the repository's Secrets").isEqualTo(1);
            secrets.keySet().forEach(subdirectory -> write(dir.resolve(workload + subdirectory), "k7#Qv!x2-real"));
            assertThat(run(pod, root)).as(workload + " with real passwords").isZero();
            for (String weak : List.of("admin", "", "change-me-please")) {
                write(dir.resolve(workload + secrets.keySet().iterator().next()), weak);
                assertThat(run(pod, root)).as(workload + " with '" + weak + "'").isEqualTo(1);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"single-cluster", "multi-cluster/central", "apiserver-proxy"})
    void theWritersInfluxUserIsTheWriteOnlyUserAndCreatesNothing(String overlay) {
        Rendered rendered = Rendered.overlay(overlay);
        var writer = Rendered.container(rendered.podTemplates().get("heapstream-writer"), "writer");
        var influx = Rendered.container(rendered.podTemplates().get("heapstream-influxdb"), "influxdb");

        String writerSecret = secretOf(writer, "HEAPSTREAM_INFLUX_PASSWORD");
        assertThat(secretOf(influx, "INFLUXDB_WRITE_USER_PASSWORD")).isEqualTo(writerSecret);
        assertThat(secretOf(influx, "INFLUXDB_WRITE_USER")).isEqualTo(secretOf(writer, "HEAPSTREAM_INFLUX_USER"));
        assertThat(secretOf(influx, "INFLUXDB_ADMIN_PASSWORD")).isNotEqualTo(writerSecret);
        assertThat(rendered.get(ConfigMap.class, "heapstream-writer").getData())
                .containsEntry("HEAPSTREAM_NO_CREATE", "true");
    }

    /** Mount path (below /run/heapstream-secrets) of each Secret the check container reads, to the Secret. */
    private static Map<String, String> checkedSecrets(PodTemplateSpec pod) {
        Container check = pod.getSpec().getInitContainers().stream().filter(c -> c.getName().equals(CHECK))
                .findFirst().orElseThrow(() -> new AssertionError("no init container " + CHECK));
        var secrets = new LinkedHashMap<String, String>();
        for (VolumeMount mount : check.getVolumeMounts()) {
            Volume volume = pod.getSpec().getVolumes().stream().filter(v -> v.getName().equals(mount.getName()))
                    .findFirst().orElseThrow();
            if (volume.getSecret() != null) {
                assertThat(mount.getMountPath()).startsWith("/run/heapstream-secrets/");
                secrets.put(mount.getMountPath(), volume.getSecret().getSecretName());
            }
        }
        return secrets;
    }

    /** Runs the check container's script as the pod would, on {@code root} instead of /run/heapstream-secrets. */
    private static int run(PodTemplateSpec pod, Path root) throws IOException, InterruptedException {
        Container check = pod.getSpec().getInitContainers().stream().filter(c -> c.getName().equals(CHECK))
                .findFirst().orElseThrow();
        var command = new ArrayList<>(check.getCommand());
        command.addAll(check.getArgs());
        assertThat(command.get(command.size() - 1)).isEqualTo("/run/heapstream-secrets");
        command.set(command.size() - 1, root.toString());
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        if (process.exitValue() != 0) {
            assertThat(output).contains("refusing to start").contains("docs/deploy.md");
        }
        return process.exitValue();
    }

    private static String password(Rendered rendered, String secretName) {
        Secret secret = rendered.all(Secret.class).stream().filter(s -> s.getMetadata().getName().equals(secretName))
                .findFirst().orElseThrow(() -> new AssertionError("no Secret " + secretName));
        return new String(Base64.getDecoder().decode(secret.getData().get("password")), StandardCharsets.UTF_8);
    }

    private static String secretOf(Container container, String env) {
        return Rendered.env(container, env).orElseThrow(() -> new AssertionError(container.getName() + " has no "
                + env)).getValueFrom().getSecretKeyRef().getName();
    }

    private static void write(Path secretDir, String password) {
        try {
            Files.createDirectories(secretDir);
            Files.writeString(secretDir.resolve("password"), password);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static <T> List<T> list(List<T> items) {
        return items == null ? List.of() : items;
    }
}
