package io.heapstream.app.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.heapstream.model.rollup.Level;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReportTest {

    private static Map<Level, Long> every(long n) {
        var map = new EnumMap<Level, Long>(Level.class);
        for (var level : Level.values()) {
            map.put(level, n);
        }
        return map;
    }

    @Test
    void everyLevelWithPointsInInfluxIsASuccess() {
        var counts = new Tally.Counts(90, 0, every(10), every(12));

        var verdict = Report.verdict(counts, true);

        assertThat(verdict.ok()).isTrue();
        assertThat(verdict.exitCode()).isZero();
    }

    @Test
    void aLevelWithoutPointsFailsAndIsNamed() {
        var points = every(12);
        points.put(Level.WORKLOAD, 0L);
        points.put(Level.FLEET, 0L);

        var verdict = Report.verdict(new Tally.Counts(90, 0, every(10), points), true);

        assertThat(verdict.exitCode()).isEqualTo(1);
        assertThat(verdict.reason()).startsWith("no points written for workload, fleet");
    }

    @Test
    void withoutInfluxRollupsOnTheTopicsAreWhatCounts() {
        var verdict = Report.verdict(new Tally.Counts(90, 0, every(10), every(0)), false);

        assertThat(verdict.ok()).isTrue();
        assertThat(verdict.reason()).contains("no InfluxDB");
    }

    @Test
    void noScrapesIsAFailureWhateverElseHappened() {
        var verdict = Report.verdict(new Tally.Counts(0, 12, every(0), every(0)), true);

        assertThat(verdict.ok()).isFalse();
        assertThat(verdict.reason()).contains("no scrape succeeded");
    }

    @Test
    void summaryHasARowPerLevelAndTheTotals() {
        var summary = Report.summary(Duration.ofSeconds(120), 6, new Tally.Counts(144, 1, every(10), every(20)), true);

        assertThat(summary).startsWith("summary after 120s: 144 scrapes from 6 nodes (1 failed)");
        assertThat(summary.lines().filter(l -> l.matches("  \\w+ +10 +20"))).hasSize(Level.values().length);
        assertThat(summary).containsPattern("  total +80 +160");
    }

    @Test
    void withoutInfluxThePointsColumnSaysSoInsteadOfZero() {
        var summary = Report.summary(Duration.ofSeconds(60), 6, new Tally.Counts(72, 0, every(3), every(0)), false);

        assertThat(summary).containsPattern("  fleet +3 +-");
    }

    @Test
    void acknowledgedLinesCountUnderTheirMeasurementsLevel() {
        assertThat(Tally.levelOf("sys_container,cluster=c1,container=kubelet,node=n1 cpu_usage_rate_avg=1 0"))
                .isEqualTo(Level.SYS_CONTAINER);
        assertThat(Tally.levelOf("fleet cpu_usage_rate_avg=1 0")).isEqualTo(Level.FLEET);
        assertThat(Tally.levelOf("cpu/usage_rate,nodename=n1 value=1 0")).isNull();
    }
}
