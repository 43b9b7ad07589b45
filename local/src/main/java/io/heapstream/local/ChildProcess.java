package io.heapstream.local;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A server process (a broker JVM, influxd) that cannot outlive the test JVM.
 *
 * <p>The command runs under a small {@code sh} watcher that holds a pipe from us on its standard input.
 * When that pipe closes — because {@link #stop} closed it, or because the test JVM died, even by
 * SIGKILL — the watcher sends SIGTERM to the server. So a crashed test run leaves no orphan bound to
 * a port, and a graceful stop is the server's own SIGTERM handling.
 */
final class ChildProcess {

    /** $@ is the server command; fd 3 keeps our pipe for the watcher while the server gets /dev/null. */
    private static final String WATCHER = String.join("\n",
            "exec 3<&0 </dev/null",
            "\"$@\" &",
            "child=$!",
            "{ cat <&3 >/dev/null; kill -TERM \"$child\" 2>/dev/null; } &",
            "watcher=$!",
            "exec 3<&-",
            "wait \"$child\"",
            "status=$?",
            "kill \"$watcher\" 2>/dev/null",
            "exit \"$status\"");

    private final Process watcher;
    private final OutputStream lifeline;

    private final String command0;

    private ChildProcess(Process watcher, String command0) {
        this.watcher = watcher;
        this.command0 = command0;
        this.lifeline = watcher.getOutputStream();
    }

    /** Starts {@code command}, stdout and stderr appended to {@code outputFile}. */
    static ChildProcess start(List<String> command, Path outputFile) {
        var argv = new ArrayList<String>(List.of("sh", "-c", WATCHER, "heapstream-watcher"));
        argv.addAll(command);
        var builder = new ProcessBuilder(argv)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(outputFile.toFile()));
        try {
            return new ChildProcess(builder.start(), command.get(0));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command.get(0), e);
        }
    }

    boolean isAlive() {
        return watcher.isAlive();
    }

    /** Exit status of the server, or empty while it runs. */
    OptionalInt exitStatus() {
        return watcher.isAlive() ? OptionalInt.empty() : OptionalInt.of(watcher.exitValue());
    }

    /** Graceful: the server gets SIGTERM and we wait up to {@code timeout} for it to exit, then kill it. */
    void stop(Duration timeout) {
        closeLifeline();
        try {
            if (!watcher.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                kill();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill();
        }
    }

    /**
     * Sends {@code signal} ({@code STOP}, {@code CONT}) to the server itself, not its watcher: a frozen server
     * keeps its sockets open and answers nothing, as a hung or paused machine does.
     */
    void signal(String signal) {
        var name = Path.of(command0).getFileName();
        var server = watcher.children()
                .filter(p -> p.info().command().map(c -> Path.of(c).getFileName().equals(name)).orElse(false))
                .findFirst().orElseThrow(() -> new IllegalStateException("server process not found"));
        try {
            var kill = new ProcessBuilder("kill", "-" + signal, Long.toString(server.pid())).inheritIO().start();
            if (kill.waitFor() != 0) {
                throw new IllegalStateException("kill -" + signal + " " + server.pid() + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run kill", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** SIGKILL to the server and its watcher, as a crash would; returns once all of them are gone. */
    void kill() {
        var all = new ArrayList<ProcessHandle>();
        watcher.descendants().forEach(all::add);
        all.add(watcher.toHandle());
        all.forEach(ProcessHandle::destroyForcibly);
        for (var handle : all) {
            try {
                handle.onExit().get(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (ExecutionException | TimeoutException e) {
                throw new IllegalStateException("process " + handle.pid() + " survived SIGKILL", e);
            }
        }
        closeLifeline();
    }

    private void closeLifeline() {
        try {
            lifeline.close();
        } catch (IOException ignored) {
            // The watcher is gone already: nothing left to tell.
        }
    }
}
