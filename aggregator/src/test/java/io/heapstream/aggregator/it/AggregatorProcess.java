package io.heapstream.aggregator.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A child-JVM aggregator for fault tests: {@link #kill()} is SIGKILL, nothing is flushed or committed. */
final class AggregatorProcess implements AutoCloseable {
    private final Process process;
    final Path log;

    private AggregatorProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    static AggregatorProcess start(Map<String, String> env, String name) {
        try {
            var log = Path.of("target", name + ".log");
            Files.createDirectories(log.getParent());
            var java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            var builder = new ProcessBuilder(List.of(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                    AggregatorChildMain.class.getName()))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().putAll(env);
            return new AggregatorProcess(builder.start(), log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the aggregator child JVM", e);
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL: the JVM gets no chance to commit, flush or close anything. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
