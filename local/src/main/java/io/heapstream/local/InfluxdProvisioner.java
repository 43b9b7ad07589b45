package io.heapstream.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gets an {@code influxd} on a Debian-family machine that has none, so that {@code ./mvnw verify} needs no
 * manual step: Debian's {@code influxdb} package is downloaded with {@code apt-get download} (refreshing the
 * package lists first when that is needed and allowed, i.e. as root) and unpacked with {@code dpkg-deb -x} into
 * a per-user cache ({@code ~/.cache/heapstream/influxdb}). Nothing is installed system-wide and no service is
 * started. Set {@value #DISABLE_ENV}{@code =false} to turn it off.
 */
final class InfluxdProvisioner {
    static final String DISABLE_ENV = "HEAPSTREAM_INFLUXD_PROVISION";
    private static final Logger LOG = LoggerFactory.getLogger(InfluxdProvisioner.class);
    private static final Path CACHE = Path.of(System.getProperty("user.home"), ".cache", "heapstream", "influxdb");

    private InfluxdProvisioner() { }

    /** The cached binary, fetching the package first when it is not cached yet; empty when not possible here. */
    static synchronized Optional<Path> influxd() {
        Path binary = CACHE.resolve("usr/bin/influxd");
        if (Files.isExecutable(binary)) {
            return Optional.of(binary);
        }
        if ("false".equalsIgnoreCase(System.getenv(DISABLE_ENV)) || !onPath("apt-get") || !onPath("dpkg-deb")) {
            return Optional.empty();
        }
        try {
            Path work = Files.createTempDirectory("heapstream-influxdb-deb-");
            work.toFile().setReadable(true, false);
            work.toFile().setExecutable(true, false);
            LOG.info("heapstream test services: no influxd on the PATH, fetching Debian's influxdb package into {}",
                    CACHE);
            if (!run(work, "apt-get", "download", "influxdb") && isRoot()) {
                run(work, "apt-get", "update", "-qq");
                run(work, "apt-get", "download", "influxdb");
            }
            Path deb;
            try (var files = Files.list(work)) {
                deb = files.filter(f -> f.getFileName().toString().endsWith(".deb")).findFirst().orElse(null);
            }
            if (deb == null) {
                LOG.warn("heapstream test services: could not download the influxdb package (see apt-get above)");
                return Optional.empty();
            }
            Path unpacked = work.resolve("root");
            if (!run(work, "dpkg-deb", "-x", deb.toString(), unpacked.toString())) {
                return Optional.empty();
            }
            Files.createDirectories(CACHE.getParent());
            Files.move(unpacked, CACHE, StandardCopyOption.ATOMIC_MOVE);
            LOG.info("heapstream test services: influxd unpacked from {} to {}", deb.getFileName(), binary);
            return Optional.of(binary).filter(Files::isExecutable);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot provision influxd into " + CACHE, e);
        }
    }

    private static String lastLines(String text, int count) {
        var lines = text.strip().split("\n");
        return String.join(" | ", List.of(lines).subList(Math.max(0, lines.length - count), lines.length));
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static boolean onPath(String command) {
        var path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }

    private static boolean run(Path dir, String... command) {
        try {
            var process = new ProcessBuilder(new ArrayList<>(List.of(command))).directory(dir.toFile())
                    .redirectErrorStream(true).start();
            process.getOutputStream().close();
            var output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                LOG.warn("heapstream test services: {} timed out", String.join(" ", command));
                return false;
            }
            if (process.exitValue() != 0) {
                LOG.warn("heapstream test services: {} exited {}: {}", String.join(" ", command),
                        process.exitValue(), lastLines(output, 5));
                return false;
            }
            return true;
        } catch (IOException e) {
            LOG.warn("heapstream test services: cannot run {}: {}", command[0], e.getMessage());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
