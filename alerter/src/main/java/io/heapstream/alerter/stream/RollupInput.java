package io.heapstream.alerter.stream;

import io.heapstream.model.rollup.Rollup;

/**
 * What an {@link AlertProcessor} is fed, turned into the rollup its rules evaluate: the only part that differs
 * between the standalone alerter (rollup JSON read for the rules, {@link SelectedRollup}) and the rules evaluated
 * inside the aggregator (its own {@link Rollup} objects, {@link EmbeddedAlertTap}).
 *
 * @param <V> the record value the processor receives
 */
@FunctionalInterface
interface RollupInput<V> {
    /** The rollup to evaluate with {@code rules}, or null when none of them watches it (or a tombstone). */
    Rollup rollup(V value, RuleIndex rules);
}
