package io.heapstream.alerter.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.heapstream.model.rollup.MetricStats;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExpressionParserTest {
    private static Expression.Window window(Map<String, MetricStats> metrics) {
        return new Expression.Window() {
            public MetricStats stats(String metric) {
                return metrics.get(metric);
            }

            public double previousLast(String metric) {
                return Double.NaN;
            }
        };
    }

    private static MetricStats stats(String name, double avg, double min, double max, double last) {
        return new MetricStats(name, null, 4, avg, min, max, last);
    }

    @Test
    void arithmeticFollowsPrecedenceAndReportsTheLeftHandSide() {
        var e = ExpressionParser.parse("cpu/usage_rate.avg / cpu/request.last > 1 + 2 * 0.25");
        var w = window(Map.of("cpu/usage_rate", stats("cpu/usage_rate", 400, 0, 0, 0),
                "cpu/request", stats("cpu/request", 0, 0, 0, 200)));

        assertThat(e.holds(w)).isTrue();        // 2.0 > 1.5
        assertThat(e.reported(w)).isEqualTo(2.0);
    }

    @Test
    void andOrAndParenthesesCombineComparisons() {
        var e = ExpressionParser.parse("(memory/usage.max > 10 or memory/rss.min < 1) and -memory/cache.last < 0");
        var w = window(Map.of("memory/usage", stats("memory/usage", 0, 0, 5, 0),
                "memory/rss", stats("memory/rss", 0, 0.5, 0, 0), "memory/cache", stats("memory/cache", 0, 0, 0, 3)));

        assertThat(e.holds(w)).isTrue();
    }

    @Test
    void missingMetricOrZeroDenominatorNeverHolds() {
        var e = ExpressionParser.parse("memory/working_set.max / memory/limit.last > 0.9");

        assertThat(e.holds(window(Map.of("memory/working_set", stats("memory/working_set", 0, 0, 5, 0))))).isFalse();
        assertThat(e.holds(window(Map.of("memory/working_set", stats("memory/working_set", 0, 0, 5, 0),
                "memory/limit", stats("memory/limit", 0, 0, 0, 0))))).isFalse();
    }

    @Test
    void scientificNumbersAreRead() {
        var e = ExpressionParser.parse("memory/usage.max >= 1.5e9");
        assertThat(e.holds(window(Map.of("memory/usage", stats("memory/usage", 0, 0, 1.5e9, 0))))).isTrue();
    }

    @Test
    void trailingTextIsRefusedWithItsColumn() {
        assertThatThrownBy(() -> ExpressionParser.parse("memory/usage.max > 1 )"))
                .hasMessage("condition 'memory/usage.max > 1 )' column 22: unexpected ')'");
    }
}
