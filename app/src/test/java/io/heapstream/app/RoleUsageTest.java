package io.heapstream.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every role answers --help with its usage and exit code 0, and a bad flag with one line and exit code 2. */
class RoleUsageTest {

    record Run(int exitCode, String out, String err) { }

    static Run run(String... args) {
        var out = new StringWriter();
        var err = new StringWriter();
        var commandLine = Main.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int code = commandLine.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"collector", "aggregator", "writer", "simulate", "demo"})
    void helpPrintsTheRolesUsageAndExitsZero(String role) {
        var run = run(role, "--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("Usage: heapstream " + role).contains("--help");
    }

    @ParameterizedTest
    @ValueSource(strings = {"collector", "aggregator", "writer", "simulate", "demo"})
    void unknownFlagIsOneLineNamingItAndExitsTwo(String role) {
        var run = run(role, "--no-such-flag");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().strip().lines()).hasSize(1);
        assertThat(run.err()).contains("heapstream " + role).contains("--no-such-flag")
                .contains("'heapstream " + role + " --help'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"--for", "--window", "--scrape-interval"})
    void demoRejectsAMalformedDurationWithExitTwo(String flag) {
        var run = run("demo", flag, "soon");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains(flag);
    }

    @Test
    void demoRejectsAWindowThatIsNotAMultipleOfTheScrapeIntervalBeforeStartingAnything() {
        var run = run("demo", "--scrape-interval", "4s", "--window", "10s");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--window 10s must be a multiple of --scrape-interval 4s");
    }

    @Test
    void aCollectorWithoutItsRequiredSettingsSaysWhatToSetInOneLineAndExitsTwo() {
        // before, the missing settings escaped as an IllegalArgumentException with a stack trace and exit code 1
        var run = run("collector", "--scrape-interval", "2s");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().strip().lines()).hasSize(1);
        assertThat(run.err()).startsWith("heapstream collector: invalid collector settings: ")
                .contains("--cluster (HEAPSTREAM_CLUSTER): required")
                .doesNotContain("--kubelet-timeout").doesNotContain("Exception");
    }

    @ParameterizedTest
    @CsvSource({"aggregator, --stream-threads, 0, must be at least 1",
            "aggregator, --resolutions, 90s, not a larger multiple of the window",
            "writer, --max-pending-points, 10, must be at least --batch-size",
            "collector, --compression, brotli, is not one of none|gzip|snappy|lz4|zstd"})
    void aBadSettingIsOneLineNamingFlagAndVariableAndExitsTwo(String role, String flag, String value, String problem) {
        var run = run(role, flag, value);

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().strip().lines()).hasSize(1);
        assertThat(run.err()).startsWith("heapstream " + role + ": invalid " + role + " settings: ")
                .contains(problem).doesNotContain("Exception");
    }

    @ParameterizedTest
    @ValueSource(strings = {"aggregator", "writer"})
    void anUnreadableKafkaConfigIsOneLineAndExitsTwo(String role) {
        var run = run(role, "--kafka-config", "/no/such/kafka.properties");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().strip().lines()).hasSize(1);
        assertThat(run.err()).contains("--kafka-config (HEAPSTREAM_KAFKA_CONFIG): cannot read /no/such/kafka.properties");
    }

    @Test
    void noRoleIsAUsageErrorWithExitTwo() {
        var run = run();

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("a role is required");
    }
}
