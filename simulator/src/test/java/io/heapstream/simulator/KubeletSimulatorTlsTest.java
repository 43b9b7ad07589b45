package io.heapstream.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KubeletSimulatorTlsTest {
    static final Instant START = Instant.parse("2025-11-04T19:15:00Z");

    @TempDir
    Path dir;

    @Test
    void servesHttpsWithTheGivenKeyToClientsThatTrustIt() throws Exception {
        // a throwaway self-signed key for 127.0.0.1, made with the JDK's keytool; its password exists only here
        var password = UUID.randomUUID().toString().toCharArray();
        var store = keyStore(password);
        var fleet = new Fleet(FleetSpec.of(1, 1, 3, 1), START);
        try (var simulator = KubeletSimulator.builder(fleet).clock(new ManualClock(START)).https(store, password)
                .start()) {
            assertThat(simulator.baseUrl()).startsWith("https://127.0.0.1:");
            var trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            var tls = SSLContext.getInstance("TLS");
            tls.init(null, trust.getTrustManagers(), null);
            var url = URI.create(simulator.kubeletUrl("cluster-1", "node-0001") + "/stats/summary");
            var trusting = HttpClient.newBuilder().sslContext(tls).build();
            var response = trusting.send(HttpRequest.newBuilder(url).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).contains("\"nodeName\":\"node-0001\"");
            var untrusting = HttpClient.newHttpClient();
            assertThatThrownBy(() -> untrusting.send(HttpRequest.newBuilder(url).build(),
                    HttpResponse.BodyHandlers.ofString())).isInstanceOf(SSLHandshakeException.class);
        }
    }

    private KeyStore keyStore(char[] password) throws Exception {
        var file = dir.resolve("kubelet.p12");
        var keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        var process = new ProcessBuilder(keytool, "-genkeypair", "-alias", "kubelet", "-keyalg", "EC",
                "-groupname", "secp256r1", "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1", "-validity", "1",
                "-storetype", "PKCS12", "-keystore", file.toString(), "-storepass:env", "STOREPASS")
                .redirectErrorStream(true);
        process.environment().put("STOREPASS", new String(password));
        var run = process.start();
        var output = new String(run.getInputStream().readAllBytes());
        assertThat(run.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(run.exitValue()).as(output).isZero();
        var store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, password);
        }
        return store;
    }
}
