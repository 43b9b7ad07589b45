package io.heapstream.alerter.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.heapstream.model.rollup.Level;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A rules file is read whole or refused with one line: file, line, reason. */
class RuleFileTest {
    private static final Path FILE = Path.of("rules.yaml");

    private static String refusal(String yaml) {
        try {
            RuleFile.parse(FILE, yaml);
        } catch (RuleFileException e) {
            assertThat(e.getMessage()).doesNotContain("\n");
            return e.getMessage();
        }
        throw new AssertionError("accepted: " + yaml);
    }

    @Test
    void everyFieldOfAValidRuleIsRead() throws Exception {
        var rules = RuleFile.parse(FILE, """
                rules:
                  - alert: PodMemoryNearLimit
                    level: pod
                    match: {namespace: shop}
                    match_regex: {pod: "web-.*"}
                    condition: memory/working_set.max / memory/limit.last > 0.9
                    for: 3 windows
                    keep_firing_for: 5m
                    severity: critical
                    labels: {team: web}
                    annotations: {summary: "{{pod}} at {{value_percent}}"}
                  - alert: ClusterSilent
                    level: cluster
                    absent_for: 10m
                """);

        var memory = rules.get(0);
        assertThat(memory.level()).isEqualTo(Level.POD);
        assertThat(memory.holdFor(Duration.ofMinutes(1))).isEqualTo(Duration.ofMinutes(3));
        assertThat(memory.keepFiringFor()).isEqualTo(Duration.ofMinutes(5));
        assertThat(memory.severity()).isEqualTo("critical");
        assertThat(memory.selects(Level.POD, java.util.Map.of("namespace", "shop", "pod", "web-7"))).isTrue();
        assertThat(memory.selects(Level.POD, java.util.Map.of("namespace", "shop", "pod", "api-7"))).isFalse();
        assertThat(memory.selects(Level.CONTAINER, java.util.Map.of("namespace", "shop", "pod", "web-7"))).isFalse();
        var absence = rules.get(1);
        assertThat(absence.isAbsence()).isTrue();
        assertThat(absence.absentFor()).isEqualTo(Duration.ofMinutes(10));
        assertThat(absence.severity()).isEqualTo("warning");
    }

    @Test
    void unknownMetricIsRefusedWithTheLineOfTheCondition() {
        assertThat(refusal("""
                rules:
                  - alert: A
                    level: pod
                    condition: memory/workingset.max > 1
                """)).isEqualTo("rules.yaml:4: condition 'memory/workingset.max > 1' column 1: unknown metric "
                + "'memory/workingset' (the metrics are listed in docs/alerts.md)");
    }

    @Test
    void unknownLevelIsRefusedWithItsLine() {
        assertThat(refusal("""
                rules:
                  - alert: A
                    level: deployment
                    condition: cpu/usage_rate.avg > 1
                """)).startsWith("rules.yaml:3: unknown level 'deployment' (one of container, pod,");
    }

    @Test
    void unknownStatisticIsRefused() {
        assertThat(refusal("""
                rules:
                  - alert: A
                    level: pod
                    condition: cpu/usage_rate.p99 > 1
                """)).isEqualTo("rules.yaml:4: condition 'cpu/usage_rate.p99 > 1' column 16: unknown statistic 'p99' "
                + "of cpu/usage_rate (count, avg, min, max, last)");
    }

    @Test
    void conditionThatIsNotAComparisonIsRefused() {
        assertThat(refusal("""
                rules:
                  - alert: A
                    level: pod
                    condition: cpu/usage_rate.avg / cpu/request.last
                """)).contains("rules.yaml:4:").contains("is not a comparison");
    }

    @Test
    void misspelledKeyIsRefusedWithItsLine() {
        assertThat(refusal("""
                rules:
                  - alert: A
                    level: pod
                    condition: cpu/usage_rate.avg > 1
                    keep_firing: 5m
                """)).startsWith("rules.yaml:5: unknown key 'keep_firing' (a rule has ");
    }

    @Test
    void matcherOnATagTheLevelDoesNotHaveIsRefused() {
        assertThat(refusal("""
                rules:
                  - alert: A
                    level: node
                    match: {pod: x}
                    condition: cpu/usage_rate.avg > 1
                """)).isEqualTo("rules.yaml:4: match: level node has no tag 'pod' (its tags: cluster, node)");
    }

    @Test
    void templateNamingAnUnknownLabelIsRefused() {
        assertThat(refusal("""
                rules:
                  - alert: A
                    level: node
                    condition: cpu/usage_rate.avg > 1
                    annotations: {summary: "{{pod}} busy"}
                """)).startsWith("rules.yaml:5: annotation summary: {{pod}} is not a label of level node");
    }

    @Test
    void badDurationIsRefused() {
        assertThat(refusal("""
                rules:
                  - alert: A
                    level: node
                    condition: cpu/usage_rate.avg > 1
                    for: soon
                """)).isEqualTo("rules.yaml:5: for: 'soon' is not a duration: write e.g. 500ms, 30s, 1m, 1h, 1d,"
                + " 1h30m or ISO-8601 PT1M (or N windows)");
    }

    @Test
    void ruleWithBothConditionAndAbsenceIsRefused() {
        assertThat(refusal("""
                rules:
                  - alert: A
                    level: node
                    condition: cpu/usage_rate.avg > 1
                    absent_for: 5m
                """)).isEqualTo("rules.yaml:2: alert A: give either 'condition' or 'absent_for'");
    }

    @Test
    void duplicateAlertNameIsRefused() {
        assertThat(refusal("""
                rules:
                  - alert: A
                    level: node
                    absent_for: 5m
                  - alert: A
                    level: cluster
                    absent_for: 5m
                """)).isEqualTo("rules.yaml:5: alert 'A' is already defined at line 2");
    }

    @Test
    void invalidYamlIsRefusedWithItsLine() {
        assertThat(refusal("""
                rules:
                  - alert: A
                    level: [node
                """)).startsWith("rules.yaml:3: not valid YAML: while parsing a flow sequence; ");
    }

    @Test
    void missingFileIsOneLine() {
        assertThatThrownBy(() -> RuleFile.load(Path.of("/nonexistent/rules.yaml")))
                .hasMessage("/nonexistent/rules.yaml:0: no such file");
    }
}
