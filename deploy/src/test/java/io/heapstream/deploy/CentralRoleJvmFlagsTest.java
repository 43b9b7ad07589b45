package io.heapstream.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * Every central role (the main image: aggregator, writer, alerter, api) runs with JVM flags sized for its job, as
 * docs/benchmarks-central.md measured them: a bounded heap kept no larger than its live data, Serial GC, none of the
 * JVM's periodic wake-ups, two malloc arenas; and this JVM accepts the flags, so a typo cannot reach a cluster as a
 * pod that never starts.
 */
class CentralRoleJvmFlagsTest {
    private static final List<String> REQUIRED = List.of("-XX:+UseSerialGC", "-XX:MinHeapFreeRatio=10",
            "-XX:MaxHeapFreeRatio=30", "-XX:-UsePerfData", "-XX:+UnlockDiagnosticVMOptions",
            "-XX:GuaranteedSafepointInterval=0", "-XX:AsyncDeflationInterval=10000", "-XX:TrimNativeHeapInterval=30000",
            "-XX:+ExitOnOutOfMemoryError");
    /** Flag strings a JVM already accepted: each distinct one starts a JVM once. */
    private static final Set<String> ACCEPTED = ConcurrentHashMap.newKeySet();

    @ParameterizedTest
    @FieldSource("io.heapstream.deploy.Rendered#OVERLAYS")
    void everyCentralRoleRunsWithFlagsSizedForItsJob(String overlay) throws Exception {
        for (var entry : Rendered.overlay(overlay).podTemplates().entrySet()) {
            for (Container container : entry.getValue().getSpec().getContainers()) {
                if (!container.getImage().matches("ghcr\\.io/heapstream/heapstream(:.*)?")) {
                    continue;
                }
                String what = overlay + " " + entry.getKey() + "/" + container.getName();
                String flags = Rendered.envValue(container, "JAVA_TOOL_OPTIONS");
                assertThat(List.of(flags.split(" "))).as(what).containsAll(REQUIRED)
                        .anyMatch(flag -> flag.startsWith("-XX:MaxRAMPercentage=") || flag.startsWith("-Xmx"));
                assertThat(Rendered.envValue(container, "MALLOC_ARENA_MAX")).as(what).isEqualTo("2");
                assertThat(container.getResources().getLimits()).as(what).containsKey("memory");
                if (ACCEPTED.add(flags)) {
                    assertAccepted(what, flags);
                }
            }
        }
    }

    /** {@code java <flags> -version} in a JVM of this build's Java: exits 0 only when every flag is known. */
    private static void assertAccepted(String what, String flags) throws IOException, InterruptedException {
        var command = new ArrayList<String>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(flags.split(" ")));
        command.add("-version");
        var process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as(what).isTrue();
        assertThat(process.exitValue()).as(what + ": " + output).isZero();
    }
}
