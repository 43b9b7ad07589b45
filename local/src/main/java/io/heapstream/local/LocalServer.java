package io.heapstream.local;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real server the kit runs as a child process: {@link KafkaBroker} or {@link InfluxServer}. It keeps its
 * port and data directory across {@link #stop()}/{@link #kill()} and {@link #start()}, and goes away with
 * its directory on {@link #close()} or when the test JVM exits.
 */
public abstract sealed class LocalServer implements AutoCloseable permits KafkaBroker, InfluxServer, AlertmanagerServer {

    private static final Logger LOG = LoggerFactory.getLogger(LocalServer.class);

    /** What a server is and how to run it. */
    record Spec(String name, Path home, List<String> command, Path outputFile, Path logFile,
                Duration readyTimeout, Duration stopTimeout) { }

    private final Spec spec;
    private final Thread cleanup;
    private ChildProcess process;

    LocalServer(Spec spec) {
        this.spec = spec;
        this.cleanup = new Thread(this::destroy, "cleanup " + spec.name());
        Runtime.getRuntime().addShutdownHook(cleanup);
    }

    /** True once the server answers clients. */
    abstract boolean answers();

    /** What a start-up failure's message should show: the tail of the server's logs. */
    abstract String diagnosis();

    /** The server's own log file. */
    public Path logFile() {
        return spec.logFile();
    }

    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** Starts the server (again) on the same port and data; returns once it answers clients. No-op when running. */
    public synchronized void start() {
        if (isRunning()) {
            return;
        }
        var began = Instant.now();
        var running = ChildProcess.start(spec.command(), spec.outputFile());
        process = running;
        Loopback.awaitReady(spec.name(), spec.readyTimeout(), running::isAlive, this::answers, this::diagnosis);
        LOG.info("{} ready in {} ms, log {}", spec.name(), Duration.between(began, Instant.now()).toMillis(),
                spec.logFile());
    }

    /** Graceful shutdown (SIGTERM, the server's own shutdown path); returns once the process has exited. */
    public synchronized void stop() {
        if (process != null) {
            process.stop(spec.stopTimeout());
            process = null;
            LOG.info("{} stopped", spec.name());
        }
    }

    /** SIGSTOP: the server stays up with its connections open and answers nothing until {@link #resume()}. */
    public synchronized void freeze() {
        if (process != null) {
            process.signal("STOP");
            LOG.info("{} frozen", spec.name());
        }
    }

    /** SIGCONT after {@link #freeze()}. */
    public synchronized void resume() {
        if (process != null) {
            process.signal("CONT");
            LOG.info("{} resumed", spec.name());
        }
    }

    /** SIGKILL, like a crash: whatever the server had not written out is lost; returns once it is gone. */
    public synchronized void kill() {
        if (process != null) {
            process.kill();
            process = null;
            LOG.info("{} killed", spec.name());
        }
    }

    /** Kills the server and deletes its directory. */
    @Override
    public void close() {
        destroy();
        try {
            Runtime.getRuntime().removeShutdownHook(cleanup);
        } catch (IllegalStateException shuttingDown) {
            // The hook is running or about to: it does the same work.
        }
    }

    private synchronized void destroy() {
        kill();
        Loopback.deleteRecursively(spec.home());
    }
}
