package io.heapstream.collector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.heapstream.collector.kubelet.KubeletClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A kubelet answer far larger than the cap, read by a JVM with the collector's production heap flags: the
 * scrape fails as {@code too_large}; it must not end the JVM with OutOfMemoryError.
 */
class OversizedKubeletAnswerTest {
    /** The heap flags of bin/heapstream and the DaemonSet that matter here. */
    private static final List<String> COLLECTOR_HEAP = List.of("-Xms12m", "-Xmx32m", "-XX:+UseSerialGC",
            "-XX:MaxDirectMemorySize=16m", "-XX:+ExitOnOutOfMemoryError");

    @Test
    void answerLargerThanTheHeapIsTooLargeNotOutOfMemory() throws Exception {
        byte[] body = new byte[40 << 20];
        Arrays.fill(body, (byte) ' ');
        try (var kubelet = new FakeKubelet()) {
            kubelet.summary(FakeKubelet.body(body));
            var command = new ArrayList<String>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(COLLECTOR_HEAP);
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), OversizedAnswerChild.class.getName(),
                    kubelet.summaryUrl().toString()));
            var child = new ProcessBuilder(command).redirectErrorStream(true).start();
            assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("child finished").isTrue();
            String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

            assertThat(output).contains("reason=too_large").doesNotContain("OutOfMemoryError");
            assertThat(child.exitValue()).isZero();
        }
    }

    @Test
    void capAboveAQuarterOfTheHeapIsRefusedAtStartNamingTheFlag() {
        var settings = new KubeletClient.Settings(null, null, false, Duration.ofSeconds(1),
                Runtime.getRuntime().maxMemory() / 2);

        assertThatThrownBy(() -> new KubeletClient(settings))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--kubelet-max-response-bytes").hasMessageContaining("-Xmx");
    }
}
