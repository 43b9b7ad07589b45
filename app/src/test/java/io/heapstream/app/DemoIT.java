package io.heapstream.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.heapstream.local.InfluxServer;
import io.heapstream.model.rollup.Level;
import io.heapstream.testkit.ChildJvm;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code heapstream demo --for ...} in its own JVM, as a user runs it: it starts a broker (and influxd, when this
 * machine has one) as child processes, shows every level landing, exits 0, and leaves none of them behind.
 */
class DemoIT {
    private static final Duration RUN_FOR = Duration.ofSeconds(30);

    @Test
    void shortDemoWritesEveryLevelExitsZeroAndLeavesNoChildProcess() throws Exception {
        boolean influx = InfluxServer.isAvailable();
        var text = runDemo("demo-it.out", Map.of(), influx);
        assertThat(text).contains(influx ? "ok: every level has points in InfluxDB" : "rollups go to the topics only");
        if (influx) {
            assertThat(text).as("the model API reads InfluxDB too").contains("(start=...) from InfluxDB");
        }
    }

    @Test
    void withoutAnyInfluxDbTheDemoStillRunsSaysSoAndHowToAddOne() throws Exception {
        // an influxd that does not exist, and no fetching of Debian's package: no InfluxDB can be had
        var text = runDemo("demo-it-no-influx.out", Map.of(InfluxServer.INFLUXD_ENV, "/nonexistent/influxd",
                "HEAPSTREAM_INFLUXD_PROVISION", "false"), false);
        assertThat(text).contains("HEAPSTREAM_INFLUXD=/nonexistent/influxd is not an executable file")
                .contains("rollups go to the topics only")
                .contains("to add InfluxDB: set HEAPSTREAM_INFLUX_URL")
                .contains("rollups went to the topics only")
                .doesNotContain("ok: every level has points in InfluxDB");
    }

    /** Runs the demo in its own JVM as a user would; asserts what every run must show; returns its output. */
    private static String runDemo(String outputName, Map<String, String> env, boolean influx) throws Exception {
        var output = Path.of("target", outputName);
        Files.createDirectories(output.getParent());
        var builder = new ProcessBuilder(ChildJvm.command(List.of("-Xmx768m", "-cp",
                System.getProperty("java.class.path"), Main.class.getName(), "demo", "--for", RUN_FOR.toSeconds() + "s",
                "--nodes", "2", "--pods-per-node", "4", "--scrape-interval", "2s", "--window", "10s", "--grace", "2s",
                "--resolutions", "20s", "--progress-every", "5s")))
                .redirectErrorStream(true)
                .redirectOutput(output.toFile());
        builder.environment().remove("HEAPSTREAM_INFLUX_URL");   // the demo finds or starts its own
        builder.environment().putAll(env);
        var demo = builder.start();
        try {
            await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500))
                    .until(() -> read(output).contains("running:") || !demo.isAlive());
            var children = new ArrayList<ProcessHandle>();
            demo.descendants().forEach(children::add);
            var commands = children.stream().map(p -> p.info().commandLine().orElse("")).toList();
            assertThat(commands).as("the demo's child processes").anyMatch(c -> c.contains("heapstream-kafka-"));
            if (influx) {
                assertThat(commands).anyMatch(c -> c.contains("influxd"));
            } else {
                assertThat(commands).noneMatch(c -> c.contains("influxd"));
            }

            assertTheApiCurlsAnswer(output);

            assertThat(demo.waitFor(RUN_FOR.toSeconds() + 120, TimeUnit.SECONDS)).as("demo exited").isTrue();
            var text = read(output);
            assertThat(demo.exitValue()).as(text).isZero();
            assertThat(text).contains("summary after");
            for (var level : Level.values()) {
                var row = Pattern.compile("(?m)^  " + level.id() + " +(\\d+) +(\\S+)$").matcher(text);
                assertThat(row.find()).as("summary row of " + level.id() + " in\n" + text).isTrue();
                assertThat(Long.parseLong(row.group(1))).as("rollups of " + level.id()).isPositive();
                if (influx) {
                    assertThat(Long.parseLong(row.group(2))).as("points of " + level.id()).isPositive();
                }
            }
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(children).as("child processes still alive after the demo exited")
                            .noneMatch(ProcessHandle::isAlive));
            return text;
        } finally {
            demo.descendants().forEach(ProcessHandle::destroyForcibly);
            demo.destroyForcibly();
        }
    }

    /** The two curl lines the demo prints under "api" answer as printed, once the data is there. */
    private static void assertTheApiCurlsAnswer(Path output) throws IOException {
        var curls = read(output).lines().map(String::strip).filter(l -> l.startsWith("curl ")).toList();
        assertThat(curls).as("the demo's api lines").hasSize(2);
        await().atMost(RUN_FOR).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            assertThat(sh(curls.get(0))).contains("\"metrics\":[{\"timestamp\"");
            assertThat(sh(curls.get(1))).contains("\"kind\":\"NodeMetricsList\"").contains("\"usage\"");
        });
    }

    private static String sh(String command) throws IOException, InterruptedException {
        var process = new ProcessBuilder("sh", "-c", command).redirectErrorStream(true).start();
        var text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor(20, TimeUnit.SECONDS);
        return text;
    }

    private static String read(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    }
}
