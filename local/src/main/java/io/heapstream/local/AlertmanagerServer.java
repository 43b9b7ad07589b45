package io.heapstream.local;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A real Prometheus Alertmanager: Debian's {@code prometheus-alertmanager} (or {@value #BINARY_ENV}) with the
 * test's configuration, its API on a free 127.0.0.1 port, a temp storage directory and clustering off (no
 * gossip port). The process dies with the test JVM.
 */
public final class AlertmanagerServer extends LocalServer {

    /** Environment variable naming the alertmanager binary to use instead of the one on the PATH. */
    public static final String BINARY_ENV = "HEAPSTREAM_ALERTMANAGER";

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    private final String url;
    private final Path log;

    private AlertmanagerServer(Path binary, Path home, int port) {
        super(new Spec("Alertmanager url=http://" + Loopback.HOST + ":" + port, home,
                List.of(binary.toString(), "--config.file=" + home.resolve("alertmanager.yml"),
                        "--storage.path=" + home.resolve("data"),
                        "--web.listen-address=" + Loopback.HOST + ":" + port, "--cluster.listen-address="),
                home.resolve("alertmanager.log"), home.resolve("alertmanager.log"),
                Duration.ofSeconds(30), Duration.ofSeconds(10)));
        this.url = "http://" + Loopback.HOST + ":" + port;
        this.log = home.resolve("alertmanager.log");
    }

    /** True when an alertmanager binary can be found. */
    public static boolean isAvailable() {
        return binary().isPresent();
    }

    /** Writes {@code configYaml} (Alertmanager's own format), starts it and returns once {@code /-/ready} answers. */
    public static AlertmanagerServer launch(String configYaml) {
        var binary = binary().orElseThrow(() -> new IllegalStateException("no prometheus-alertmanager on the PATH and "
                + BINARY_ENV + " unset: install it (Debian: apt-get install prometheus-alertmanager)"));
        var home = Loopback.tempDir("heapstream-alertmanager-");
        var server = new AlertmanagerServer(binary, home, Loopback.freePort());
        try {
            Files.writeString(home.resolve("alertmanager.yml"), configYaml);
            server.start();
            return server;
        } catch (IOException e) {
            server.close();
            throw new UncheckedIOException("cannot write the Alertmanager config in " + home, e);
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
    }

    /** {@code http://127.0.0.1:port}. */
    public String url() {
        return url;
    }

    @Override
    String diagnosis() {
        return Loopback.tail(log, 20);
    }

    @Override
    boolean answers() {
        try {
            var request = HttpRequest.newBuilder(URI.create(url + "/-/ready")).timeout(Duration.ofSeconds(2)).build();
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static Optional<Path> binary() {
        var named = System.getenv(BINARY_ENV);
        if (named != null && !named.isBlank()) {
            return Optional.of(Path.of(named.strip())).filter(Files::isExecutable);
        }
        var path = Optional.ofNullable(System.getenv("PATH")).orElse("");
        return Arrays.stream(path.split(File.pathSeparator)).filter(dir -> !dir.isEmpty())
                .flatMap(dir -> java.util.stream.Stream.of(Path.of(dir, "prometheus-alertmanager"),
                        Path.of(dir, "alertmanager")))
                .filter(Files::isExecutable).findFirst();
    }
}
