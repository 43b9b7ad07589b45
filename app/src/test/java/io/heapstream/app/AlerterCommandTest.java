package io.heapstream.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code heapstream alerter}: a rules file it cannot use is one line with file, line and reason, exit code 2. */
class AlerterCommandTest {
    @Test
    void ruleNamingAnUnknownMetricStopsTheStartWithOneLineAndExitCode2(@TempDir Path dir) throws Exception {
        var rules = dir.resolve("rules.yaml");
        Files.writeString(rules, """
                rules:
                  - alert: PodBig
                    level: pod
                    condition: memory/usage.max / memory/limits.last > 0.9
                """);

        var run = RoleUsageTest.run("alerter", "--rules", rules.toString(), "--check-rules");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("heapstream alerter: " + rules + ":4: condition 'memory/usage.max / "
                + "memory/limits.last > 0.9' column 20: unknown metric 'memory/limits' (did you mean memory/limit?)"
                + System.lineSeparator());
    }

    @Test
    void missingRulesFileIsOneLineAndExitCode2(@TempDir Path dir) {
        var run = RoleUsageTest.run("alerter", "--rules", dir.resolve("none.yaml").toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().strip()).isEqualTo("heapstream alerter: " + dir.resolve("none.yaml") + ":0: no such file");
    }

    @Test
    void defaultRulesPassTheCheck() {
        var run = RoleUsageTest.run("alerter", "--check-rules");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out().strip()).isEqualTo("11 rules OK");
    }
}
