package io.heapstream.alerter.engine;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * What the alerter remembers of one rule and series between windows (the value of the {@code alert-states}
 * store, JSON through the model's codec). Inactive pairs of condition rules have no entry.
 *
 * @param rule       the rule's name
 * @param phase      where the state machine is
 * @param labels     the alert's labels (to send a resolution after the series is gone)
 * @param value      the latest value of the condition's left-hand side
 * @param activeAt   start of the first window of the current run in which the condition held
 * @param firedAt    when it started firing (its {@code startsAt}); null while pending
 * @param lastHeld   end of the latest window in which the condition held
 * @param lastSeen   end of the series' latest window
 * @param resolution the series' window length
 * @param seenAtMs   wall-clock time the latest rollup of the series was processed (absence rules)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AlertState(String rule, Phase phase, Map<String, String> labels, double value, Instant activeAt,
                         Instant firedAt, Instant lastHeld, Instant lastSeen, Duration resolution, long seenAtMs) {
    public AlertState {
        labels = io.heapstream.model.SortedMaps.copyOf(labels);
    }

    public enum Phase {
        /** The condition holds, not yet for long enough. */
        PENDING,
        /** Firing; an event said so. */
        FIRING,
        /** An absence rule watching a series that reports. */
        WATCHING
    }

    AlertState with(Phase nextPhase) {
        return new AlertState(rule, nextPhase, labels, value, activeAt, firedAt, lastHeld, lastSeen, resolution,
                seenAtMs);
    }
}
