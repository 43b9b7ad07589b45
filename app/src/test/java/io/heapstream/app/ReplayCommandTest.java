package io.heapstream.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code heapstream replay}: help with examples, and input refused in one line with exit 2 before any broker or
 * InfluxDB is asked (the broker these runs would ask, localhost:9092, is never there in tests).
 */
class ReplayCommandTest {

    private record Run(int exitCode, String out, String err) { }

    private static Run run(String... args) {
        var out = new StringWriter();
        var err = new StringWriter();
        var commandLine = Main.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int code = commandLine.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"raw", "rollups"})
    void helpShowsExamplesTheEdgeRuleAndTheSharedFlags(String kind) {
        var run = run("replay", kind, "--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("Usage: heapstream replay " + kind).contains("Examples:")
                .contains("heapstream replay " + kind + " --from").contains("straddle")
                .contains("--from=TIME").contains("--influx-db").contains("--schema").contains("--max-rate")
                .contains("--kafka-bootstrap");
    }

    @Test
    void rawTakesTheAggregatorsRollupSettings() {
        assertThat(run("replay", "raw", "--help").out()).contains("--window").contains("--grace")
                .contains("--resolutions").contains("--include-late").contains("--cluster");
    }

    @Test
    void replayWithoutAKindSaysWhichThereAre() {
        var run = run("replay");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("raw or rollups is required");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "2026-01-01T10:00:00Z | 2026-01-01T10:00:00Z | --from 2026-01-01T10:00:00Z must be before --to 2026-01-01T10:00:00Z",
            "2026-01-01T11:00:00Z | 2026-01-01T10:00:00Z | must be before --to",
            "2999-01-01T00:00:00Z | 2999-01-02T00:00:00Z | --from 2999-01-01T00:00:00Z is in the future",
            "-1h                  | 2999-01-02T00:00:00Z | --to 2999-01-02T00:00:00Z is in the future",
            "yesterday            | now                  | --from 'yesterday' is not a time",
            "-2h                  | 10:00                | --to '10:00' is not a time",
            "2026-01-01T10:00:10Z | 2026-01-01T10:00:50Z | holds no complete PT1M window"})
    void aRangeThatCannotBeReplayedIsOneLineAndExitTwo(String from, String to, String message) {
        for (var kind : new String[][] {{"raw"}, {"rollups", "--resolution", "1m"}}) {
            var args = new java.util.ArrayList<>(java.util.List.of("replay"));
            args.addAll(java.util.List.of(kind));
            args.addAll(java.util.List.of("--from", from, "--to", to, "--influx-db", "x"));
            var run = run(args.toArray(String[]::new));

            assertThat(run.exitCode()).as(kind[0]).isEqualTo(2);
            assertThat(run.err().strip().lines()).as(run.err()).hasSize(1);
            assertThat(run.err()).contains("heapstream replay " + kind[0] + ": ").contains(message);
        }
    }

    @Test
    void theDatabaseMustBeNamed() {
        var run = run("replay", "raw", "--from", "-1h");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--influx-db (HEAPSTREAM_INFLUX_DB) is required");
    }

    @Test
    void fromIsRequired() {
        var run = run("replay", "rollups", "--resolution", "1m", "--influx-db", "x");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--from (HEAPSTREAM_FROM): required");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "--max-rate  | -5   | --max-rate (HEAPSTREAM_MAX_RATE): must not be negative",
            "--max-rate  | fast | --max-rate (HEAPSTREAM_MAX_RATE)",
            "--replay-id | a/b  | --replay-id (HEAPSTREAM_REPLAY_ID)",
            "--window    | 64   | --window (HEAPSTREAM_WINDOW)",
            "--schema    | csv  | --schema (HEAPSTREAM_SCHEMA)"})
    void aBadSettingIsOneLineNamingItAndExitTwo(String flag, String value, String message) {
        var run = run("replay", "raw", "--from", "-1h", "--influx-db", "x", flag, value);

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().strip().lines()).hasSize(1);
        assertThat(run.err()).contains(message);
    }

    @Test
    void aResolutionWithoutATopicSuffixIsRefused() {
        var run = run("replay", "rollups", "--from", "-1h", "--resolution", "1500ms", "--influx-db", "x");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().strip().lines()).hasSize(1);
    }
}
