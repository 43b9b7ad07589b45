package io.heapstream.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A role run by a fault test in a child JVM on the test's class path, so that the test can SIGKILL it ({@link #kill()}):
 * no shutdown hook, no flush, no commit. Its main should call {@link ChildLifeline#start()} so that it never outlives
 * the test JVM. Output (both streams) is appended to a log file under {@code target/}.
 */
public final class ChildJvm implements AutoCloseable {
    /**
     * For a JVM that lives seconds and does little work: C1 only and the serial collector cost far less CPU than C2
     * and G1 on a shared, loaded machine (as the test broker's {@code KafkaBroker.JVM_FLAGS}); the class-data archive
     * when there is one. The kill ITs' children took 35-45 % less CPU with them (process CPU at the kill, one run
     * each way, 2026-12-08 05:24-05:48 UTC, load 19-28).
     */
    static final List<String> SHORT_LIVED_FLAGS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto");

    private final Process process;

    private ChildJvm(Process process) {
        this.process = process;
    }

    /**
     * Starts {@code main} with {@code args}, {@code env} added to this JVM's environment, at most {@code maxHeap}
     * (e.g. {@code "256m"}), its output appended to {@code target/<name>.log}.
     */
    public static ChildJvm start(Class<?> main, List<String> args, Map<String, String> env, String maxHeap,
            String name) {
        var log = Path.of("target", name + ".log");
        var javaArgs = new ArrayList<String>(List.of("-Xmx" + maxHeap, "-cp", System.getProperty("java.class.path"),
                main.getName()));
        javaArgs.addAll(args);
        var command = command(javaArgs);
        try {
            Files.createDirectories(log.getParent());
            var builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().putAll(env);
            return new ChildJvm(builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the child JVM of " + main.getSimpleName(), e);
        }
    }

    /**
     * The command line of any short-lived child JVM a test starts itself (a demo, a replay process):
     * {@code <this JVM's java> <SHORT_LIVED_FLAGS> <javaArgs...>}; heap, class path and main are the caller's.
     */
    public static List<String> command(List<String> javaArgs) {
        var command = new ArrayList<String>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(SHORT_LIVED_FLAGS);
        command.addAll(javaArgs);
        return command;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL, and waits (up to 30 s) for the JVM to be gone. */
    public void kill() throws InterruptedException {
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
