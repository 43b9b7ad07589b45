package io.heapstream.app;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@code heapstream api}'s flags come from its setting declarations; bad ones are one line and exit code 2. */
class ApiCommandTest {

    @Test
    void helpListsTheDeclaredFlagsWithTheirVariables() {
        var run = RoleUsageTest.run("api", "--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("Usage: heapstream api").contains("--secure-port")
                .contains("HEAPSTREAM_REQUESTHEADER_CLIENT_CA_FILE").contains("--authorization");
    }

    @Test
    void badValuesAreOneLineNamingEachAndExitTwo() {
        var run = RoleUsageTest.run("api", "--metrics-max-age", "soon", "--authorization", "anyone", "--http-port", "0");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().strip().lines()).hasSize(1);
        assertThat(run.err()).contains("--metrics-max-age").contains("--authorization");
    }

    @Test
    void aCertificateWithoutItsKeyIsRefusedBeforeAnythingStarts() {
        var run = RoleUsageTest.run("api", "--tls-cert-file", "/tmp/tls.crt", "--http-port", "0");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--tls-private-key-file");
    }

    @Test
    void anUnreadableFrontProxyCaIsOneLineNamingTheFlag() {
        var run = RoleUsageTest.run("api", "--requestheader-client-ca-file", "/nonexistent/ca.crt", "--http-port", "0",
                "--secure-port", "0", "--model-port", "-1");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().strip().lines()).hasSize(1);
        assertThat(run.err()).contains("--requestheader-client-ca-file").contains("/nonexistent/ca.crt");
    }
}
