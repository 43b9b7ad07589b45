package io.heapstream.local;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A real InfluxDB 1.x: {@code influxd} from the PATH (or {@value #INFLUXD_ENV}, or Debian's package unpacked by
 * {@link InfluxdProvisioner} when neither exists) in a temp directory, HTTP
 * on a free 127.0.0.1 port, no series limits, logs at WARN to {@link #logFile()}. For fault tests that
 * stop and restart InfluxDB; everything else shares {@link TestServices#influxUrl()}.
 * The process dies with the test JVM.
 */
public final class InfluxServer extends LocalServer {

    /** Environment variable naming the influxd binary to use instead of the one on the PATH. */
    public static final String INFLUXD_ENV = "HEAPSTREAM_INFLUXD";

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private final String version;
    private final InfluxConfig config;

    private InfluxServer(Path binary, String version, InfluxConfig config) {
        super(new Spec("InfluxDB url=" + config.url(), config.home(),
                List.of(binary.toString(), "run", "-config", config.file().toString()), config.log(), config.log(),
                READY_TIMEOUT, STOP_TIMEOUT));
        this.version = version;
        this.config = config;
    }

    /** True when an InfluxDB 1.x {@code influxd} can be found. */
    public static boolean isAvailable() {
        try {
            return binary().map(InfluxServer::version).filter(v -> v.startsWith("InfluxDB v1.")).isPresent();
        } catch (RuntimeException unusable) {
            return false;
        }
    }

    /** Writes and checks a configuration, starts influxd and returns once {@code /ping} answers 204. */
    public static InfluxServer launch() {
        var named = System.getenv(INFLUXD_ENV);
        var binary = binary().orElseThrow(() -> new IllegalStateException(named != null && !named.isBlank()
                ? INFLUXD_ENV + "=" + named.strip() + " is not an executable file"
                : "no influxd on the PATH and " + INFLUXD_ENV + " unset: install InfluxDB 1.x"
                        + " (Debian: apt-get install influxdb)"));
        var version = version(binary);
        if (!version.startsWith("InfluxDB v1.")) {
            throw new IllegalStateException(binary + " is not InfluxDB 1.x: " + version);
        }
        var config = new InfluxConfig(Loopback.freePort(), Loopback.freePort(), Loopback.tempDir("heapstream-influx-"));
        var server = new InfluxServer(binary, version, config);
        try {
            Files.writeString(config.file(), config.text());
            var unapplied = config.unapplied(run(List.of(binary.toString(), "config", "-config", config.file().toString())));
            if (!unapplied.isEmpty()) {
                throw new IllegalStateException(binary + " (" + version + ") ignored settings " + unapplied + " of " + config.file());
            }
            server.start();
            return server;
        } catch (IOException e) {
            server.close();
            throw new UncheckedIOException("cannot write " + config.file(), e);
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
    }

    /** {@code http://127.0.0.1:port}, the same across restarts. */
    public String url() {
        return config.url();
    }

    /** What {@code influxd version} printed, e.g. {@code InfluxDB v1.6.7~rc0 (git: unknown unknown)}. */
    public String version() {
        return version;
    }

    @Override
    String diagnosis() {
        return Loopback.tail(config.log(), 20);
    }

    @Override
    boolean answers() {
        try {
            var request = HttpRequest.newBuilder(URI.create(url() + "/ping")).timeout(Duration.ofSeconds(2)).build();
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 204;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    static Optional<Path> binary() {
        var named = System.getenv(INFLUXD_ENV);
        if (named != null && !named.isBlank()) {
            return Optional.of(Path.of(named.strip())).filter(Files::isExecutable);
        }
        var path = Optional.ofNullable(System.getenv("PATH")).orElse("");
        return Arrays.stream(path.split(File.pathSeparator))
                .filter(dir -> !dir.isEmpty())
                .map(dir -> Path.of(dir, "influxd"))
                .filter(Files::isExecutable)
                .findFirst()
                .or(InfluxdProvisioner::influxd);
    }

    private static String version(Path binary) {
        return run(List.of(binary.toString(), "version")).strip();
    }

    /** Runs a short influxd sub-command and returns its stdout (stderr discarded: influxd chats there). */
    private static String run(List<String> command) {
        try {
            var process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            process.getOutputStream().close();
            var output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
            }
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command.get(0), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running " + command.get(0), e);
        }
    }
}
