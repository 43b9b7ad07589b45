package io.heapstream.app.replay;

import io.heapstream.model.Topics;
import io.heapstream.testkit.ChildJvm;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code heapstream replay raw} as a process of its own, from the packaged jar (the failsafe phase runs after
 * {@code package}): what a signal reaches. Its log goes to a file, its stdout (the summary) stays readable.
 */
final class ReplayProcess {
    private static final Path LOG = Path.of("target", "replay-process-it.log");

    private ReplayProcess() { }

    static Process raw(ReplayFixture fixture, Instant from, Instant to, String database, String... more)
            throws IOException {
        var args = new ArrayList<>(List.of("-jar", Path.of("target", "heapstream.jar").toString(), "replay", "raw",
                "--kafka-bootstrap", fixture.bootstrap, "--influx-url", fixture.influxUrl,
                "--raw-topic", fixture.raw(), "--window", Topics.suffix(ReplayFixture.WINDOW),
                "--grace", Topics.suffix(ReplayFixture.GRACE), "--resolutions", Topics.suffix(ReplayFixture.COARSE),
                "--retention", ReplayFixture.retention(), "--from", from.toString(), "--to", to.toString(),
                "--influx-db", database, "--replay-id", fixture.name + "-process"));
        args.addAll(List.of(more));
        var builder = new ProcessBuilder(ChildJvm.command(args)).redirectError(ProcessBuilder.Redirect.appendTo(LOG.toFile()));
        // the test's flags only: nothing from the environment the build runs in
        builder.environment().keySet().removeIf(k -> k.startsWith("HEAPSTREAM_"));
        return builder.start();
    }

    static String output(Process process) throws IOException {
        return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    /** What the processes logged, for a failure's message. */
    static String log() throws IOException {
        return Files.exists(LOG) ? Files.readString(LOG) : "(no log)";
    }
}
