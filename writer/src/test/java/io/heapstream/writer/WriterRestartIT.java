package io.heapstream.writer;

import static io.heapstream.writer.ItRollups.START;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.heapstream.testkit.TestServices;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A writer JVM killed (SIGKILL) after InfluxDB acknowledged a batch and before its offsets were committed: the
 * next writer of the group re-delivers those records, and InfluxDB still holds each point once.
 */
class WriterRestartIT {
    private static final int SERIES = 40;

    private final ItEnvironment world = ItEnvironment.shared(1);
    private final List<String> childOutput = new CopyOnWriteArrayList<>();
    private Process child;
    private WriterService writer;

    @AfterEach
    void tearDown() {
        if (child != null) {
            child.destroyForcibly();
        }
        world.close();
    }

    @Test
    void writerKilledBetweenWriteAndCommitIsReDeliveredWithoutDuplicates() throws Exception {
        world.produce(ItRollups.clusterMinutes("restart-", SERIES, START, 1));
        // A short session: the group notices the killed member in seconds instead of the default 45.
        var overrides = new HashMap<String, String>(TestServices.quickSessionExpiry("kafka."));
        overrides.put("HEAPSTREAM_WRITE_PARALLELISM", "1");
        var settings = world.settings("native", overrides);

        child = startChild(settings);
        await().atMost(Duration.ofSeconds(90)).until(() -> acknowledgedPoints() > 0);
        long writtenBeforeKill = world.count("rp_1m", "cluster", "cpu_usage_rate_avg");
        child.destroyForcibly().waitFor();

        assertThat(writtenBeforeKill).isEqualTo(acknowledgedPoints());
        assertThat(world.committed()).doesNotContainKey(new TopicPartition(world.minuteTopic, 0));

        writer = world.start(WriterConfig.fromMap(settings));
        await().atMost(Duration.ofSeconds(60)).until(() -> world.committed().getOrDefault(
                new TopicPartition(world.minuteTopic, 0), 0L) == SERIES);

        assertThat(writer.metrics().pointsWritten().count()).as("re-delivered, the killed batch included")
                .isEqualTo(SERIES);
        assertThat(world.count("rp_1m", "cluster", "cpu_usage_rate_avg")).isEqualTo(SERIES);
    }

    private long acknowledgedPoints() {
        return childOutput.stream().filter(line -> line.startsWith(WriterChildMain.ACKNOWLEDGED))
                .mapToLong(line -> Long.parseLong(line.substring(WriterChildMain.ACKNOWLEDGED.length()).trim()))
                .findFirst().orElse(0);
    }

    private Process startChild(Map<String, String> settings) throws Exception {
        var command = new ArrayList<String>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), WriterChildMain.class.getName()));
        settings.forEach((key, value) -> command.add(key + "=" + value));
        var process = new ProcessBuilder(command).redirectErrorStream(true).start();
        var reader = new Thread(() -> {
            try (var lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    childOutput.add(line);
                }
            } catch (java.io.IOException ended) {
                // the child is gone
            }
        }, "writer-child-output");
        reader.setDaemon(true);
        reader.start();
        return process;
    }
}
