package io.heapstream.alerter.stream;

import static java.util.Objects.requireNonNull;

import io.heapstream.alerter.rules.Rule;
import java.time.Duration;
import java.util.List;

/**
 * What the alert topology needs, nothing from the environment.
 *
 * @param rollupTopic   the rollup topic evaluated (one resolution, e.g. {@code heapstream.rollup.1m})
 * @param alertsTopic   where firing and resolved events go
 * @param rules         the checked rules
 * @param staleAfter    a pending or firing series that misses its partition's windows this long is gone
 * @param checkInterval how often (wall clock) absences and gone series are looked for
 */
public record AlertSettings(String rollupTopic, String alertsTopic, List<Rule> rules, Duration staleAfter,
                            Duration checkInterval) {
    public AlertSettings {
        requireNonNull(rollupTopic, "rollupTopic");
        requireNonNull(alertsTopic, "alertsTopic");
        rules = List.copyOf(rules);
        if (staleAfter.isNegative() || staleAfter.isZero() || checkInterval.isNegative() || checkInterval.isZero()) {
            throw new IllegalArgumentException("staleAfter and checkInterval must be positive");
        }
    }
}
