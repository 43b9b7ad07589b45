package io.heapstream.alerter.rules;

import io.heapstream.model.rollup.MetricStats;
import java.util.Set;
import java.util.function.DoubleBinaryOperator;

/**
 * A rule's condition, parsed once at start ({@link ExpressionParser}). Arithmetic gives {@code NaN} when a metric
 * is missing from the window or a division has no denominator, and every comparison with {@code NaN} is false:
 * a window without the data neither fires nor keeps an alert pending.
 */
public sealed interface Expression {

    /** What an expression reads: the window's statistics of the series and what the series had before. */
    interface Window {
        /** The statistics of a metric in this window (for per-resource metrics: of the evaluated resource). */
        MetricStats stats(String metric);

        /** The metric's {@code last} in the series' previous window, or {@code NaN} when none is known. */
        double previousLast(String metric);
    }

    /** The numeric value; {@code 1}/{@code 0} for a comparison or a logical operator. */
    double value(Window w);

    /** True when the value is a holding comparison (or a non-zero number). */
    default boolean holds(Window w) {
        double v = value(w);
        return !Double.isNaN(v) && v != 0;
    }

    /** The number an alert reports: the left-hand side of the (first) comparison. */
    default double reported(Window w) {
        return value(w);
    }

    /** The metrics the expression reads, to decide whether it is per resource. */
    Set<String> metrics();

    /** The metrics read with {@code increase()}: the evaluator remembers their last value per series. */
    default Set<String> increased() {
        return Set.of();
    }

    record Number(double constant) implements Expression {
        public double value(Window w) {
            return constant;
        }

        public Set<String> metrics() {
            return Set.of();
        }
    }

    /** {@code memory/working_set.max}: one statistic of one metric in the window. */
    record Ref(String metric, Stat stat) implements Expression {
        public double value(Window w) {
            var s = w.stats(metric);
            return s == null ? Double.NaN : stat.of(s);
        }

        public Set<String> metrics() {
            return Set.of(metric);
        }
    }

    /**
     * {@code increase(restart_count)}: how much a counter-like gauge grew since the series' previous window
     * ({@code last - previous last}), or within the window when there is no previous one ({@code max - min}).
     * A drop (the source was replaced) counts the new value as the increase, as Prometheus treats counter resets.
     */
    record Increase(String metric) implements Expression {
        public double value(Window w) {
            var s = w.stats(metric);
            if (s == null) {
                return Double.NaN;
            }
            if (s.last() == 0 && s.max() == s.min()) {
                return 0;   // zero in every case below (counter-like: never negative): what came before is not needed
            }
            double before = w.previousLast(metric);
            if (Double.isNaN(before)) {
                return s.max() - s.min();
            }
            return s.last() >= before ? s.last() - before : s.last();
        }

        public Set<String> metrics() {
            return Set.of(metric);
        }

        public Set<String> increased() {
            return Set.of(metric);
        }
    }

    record Arith(char op, Expression left, Expression right) implements Expression {
        public double value(Window w) {
            double a = left.value(w);
            double b = right.value(w);
            DoubleBinaryOperator f = switch (op) {
                case '+' -> Double::sum;
                case '-' -> (x, y) -> x - y;
                case '*' -> (x, y) -> x * y;
                default -> (x, y) -> y == 0 ? Double.NaN : x / y;
            };
            return f.applyAsDouble(a, b);
        }

        public Set<String> metrics() {
            return Expressions.union(left.metrics(), right.metrics());
        }

        public Set<String> increased() {
            return Expressions.union(left.increased(), right.increased());
        }
    }

    record Compare(String op, Expression left, Expression right) implements Expression {
        public double value(Window w) {
            double a = left.value(w);
            double b = right.value(w);
            boolean r = switch (op) {
                case ">" -> a > b;
                case ">=" -> a >= b;
                case "<" -> a < b;
                case "<=" -> a <= b;
                case "==" -> a == b;
                default -> !Double.isNaN(a) && !Double.isNaN(b) && a != b;
            };
            return r ? 1 : 0;
        }

        public double reported(Window w) {
            return left.value(w);
        }

        public Set<String> metrics() {
            return Expressions.union(left.metrics(), right.metrics());
        }

        public Set<String> increased() {
            return Expressions.union(left.increased(), right.increased());
        }
    }

    /** {@code and} / {@code or}; reports the left-hand side of its first comparison. */
    record Logic(boolean and, Expression left, Expression right) implements Expression {
        public double value(Window w) {
            boolean r = and ? left.holds(w) && right.holds(w) : left.holds(w) || right.holds(w);
            return r ? 1 : 0;
        }

        public double reported(Window w) {
            return left.reported(w);
        }

        public Set<String> metrics() {
            return Expressions.union(left.metrics(), right.metrics());
        }

        public Set<String> increased() {
            return Expressions.union(left.increased(), right.increased());
        }
    }
}
