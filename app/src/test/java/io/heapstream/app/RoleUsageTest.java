package io.heapstream.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
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
    void noRoleIsAUsageErrorWithExitTwo() {
        var run = run();

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("a role is required");
    }
}
