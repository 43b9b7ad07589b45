package io.heapstream.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code heapstream aggregator --alert-rules}: the rules evaluated where the windows close. A rules file it cannot
 * use is one line with file, line and reason, exit code 2 (as the alerter's); without the flag the topology is
 * today's.
 */
class AggregatorAlertRulesCommandTest {
    @Test
    void badRulesFileStopsTheStartWithOneLineAndExitCode2(@TempDir Path dir) throws Exception {
        var rules = dir.resolve("rules.yaml");
        Files.writeString(rules, """
                rules:
                  - alert: PodBig
                    level: pod
                    condition: memory/usage.max / memory/limits.last > 0.9
                """);

        var run = RoleUsageTest.run("aggregator", "--alert-rules", rules.toString(), "--describe");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("heapstream aggregator: " + rules + ":4: condition 'memory/usage.max / "
                + "memory/limits.last > 0.9' column 20: unknown metric 'memory/limits' (did you mean memory/limit?)"
                + System.lineSeparator());
    }

    @Test
    void missingRulesFileIsOneLineAndExitCode2(@TempDir Path dir) {
        var run = RoleUsageTest.run("aggregator", "--alert-rules", dir.resolve("none.yaml").toString(), "--describe");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().strip()).isEqualTo("heapstream aggregator: " + dir.resolve("none.yaml")
                + ":0: no such file");
    }

    @Test
    void defaultRulesAddOneEvaluatorPerStageAndNothingElse() {
        var plain = RoleUsageTest.run("aggregator", "--describe");
        var alerting = RoleUsageTest.run("aggregator", "--alert-rules", "default", "--describe");

        assertThat(plain.exitCode()).isZero();
        assertThat(alerting.exitCode()).isZero();
        assertThat(plain.out()).doesNotContain("alert");
        assertThat(alerting.out()).contains("alerts-node-evaluate", "alerts-totals-evaluate",
                "alert-states-node", "alert-previous-node", "alert-states-totals", "alert-previous-totals",
                "alerts-node-sink", "alerts-totals-sink");
        assertThat(subtopologies(alerting.out())).isEqualTo(subtopologies(plain.out())).isEqualTo(2);
    }

    private static long subtopologies(String description) {
        return description.lines().filter(l -> l.strip().startsWith("Sub-topology:")).count();
    }
}
