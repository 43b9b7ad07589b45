package io.heapstream.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.stream.Stream;

/** Small helpers for the local servers: free loopback ports, waiting for readiness, temp dirs. */
public final class Loopback {

    static final String HOST = "127.0.0.1";
    private static final Duration POLL_INTERVAL = Duration.ofMillis(50);
    private static final String OWNER_FILE = "owner.pid";

    private Loopback() { }

    /** A port nothing listens on right now (the OS picks it; a race with another process is possible but rare). */
    static int freePort() {
        try (var socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on " + HOST, e);
        }
    }

    static boolean accepts(int port) {
        try (var socket = new Socket()) {
            socket.connect(new InetSocketAddress(HOST, port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Polls {@code ready} until it holds; fails fast when {@code alive} turns false (the server died),
     * and with {@code diagnosis} in the message either way.
     */
    public static void awaitReady(String what, Duration timeout, BooleanSupplier alive, BooleanSupplier ready,
                                   Supplier<String> diagnosis) {
        var deadline = Instant.now().plus(timeout);
        while (!ready.getAsBoolean()) {
            if (!alive.getAsBoolean()) {
                throw new IllegalStateException(what + " exited during start-up; " + diagnosis.get());
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException(what + " not ready after " + timeout + "; " + diagnosis.get());
            }
            try {
                Thread.sleep(POLL_INTERVAL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + what, e);
            }
        }
    }

    /**
     * A new temp directory owned by this JVM. Directories of the same prefix left behind by a JVM that no
     * longer runs (killed before its shutdown hook could delete them) are removed first.
     */
    static Path tempDir(String prefix) {
        try {
            var dir = Files.createTempDirectory(prefix);
            Files.writeString(dir.resolve(OWNER_FILE), String.valueOf(ProcessHandle.current().pid()));
            sweepOrphans(dir.getParent(), prefix);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temp dir", e);
        }
    }

    private static void sweepOrphans(Path parent, String prefix) throws IOException {
        try (Stream<Path> siblings = Files.list(parent)) {
            siblings.filter(dir -> dir.getFileName().toString().startsWith(prefix))
                    .filter(dir -> ownerGone(dir.resolve(OWNER_FILE)))
                    .forEach(dir -> {
                        try {
                            deleteRecursively(dir);
                        } catch (UncheckedIOException raced) {
                            // Another JVM swept it at the same time.
                        }
                    });
        }
    }

    private static boolean ownerGone(Path ownerFile) {
        try {
            var pid = Long.parseLong(Files.readString(ownerFile).strip());
            return ProcessHandle.of(pid).map(handle -> !handle.isAlive()).orElse(true);
        } catch (IOException | NumberFormatException | UncheckedIOException e) {
            return false; // not ours, or being written right now: leave it
        }
    }

    static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }

    /** The last lines of a log, for failure messages. */
    static String tail(Path file, int lines) {
        try {
            if (!Files.exists(file)) {
                return "(no " + file + ")";
            }
            var all = Files.readAllLines(file);
            return file + ":\n" + String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(cannot read " + file + ": " + e.getMessage() + ")";
        }
    }
}
