package io.heapstream.alerter.engine;

import io.heapstream.alerter.engine.AlertState.Phase;
import io.heapstream.alerter.rules.Rule;
import io.heapstream.alerter.rules.Templates;
import io.heapstream.model.alert.AlertEvent;
import io.heapstream.model.alert.AlertEvent.Status;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The state machine of one rule and series, as pure functions: inactive → pending → firing → resolved
 * (= inactive again). Each step returns the next state ({@code null}: forget the pair) and at most one event;
 * events happen only on firing and on resolving, never while pending or while staying in a phase.
 */
public final class Transitions {

    /** The next state (the same instance when nothing changed; {@code null} to delete) and an event or null. */
    public record Outcome(AlertState next, AlertEvent event) { }

    private Transitions() { }

    /** A closed window of a series that a condition rule selects. */
    public static Outcome onWindow(Rule rule, AlertState s, Map<String, String> labels, boolean holds, double value,
                                   Instant windowStart, Instant windowEnd, Duration resolution) {
        if (holds) {
            if (s == null) {
                return pendingOrFiring(rule, new AlertState(rule.name(), Phase.PENDING, labels, value, windowStart,
                        null, windowEnd, windowEnd, resolution, 0));
            }
            var held = new AlertState(rule.name(), s.phase(), labels, value, s.activeAt(), s.firedAt(), windowEnd,
                    windowEnd, resolution, 0);
            return s.phase() == Phase.FIRING ? new Outcome(held, null) : pendingOrFiring(rule, held);
        }
        if (s == null) {
            return new Outcome(null, null);
        }
        if (s.phase() == Phase.PENDING) {
            return new Outcome(null, null);   // it never fired: nothing to tell anyone
        }
        // firing: keep_firing_for counts from the end of the last window in which the condition held
        if (Duration.between(s.lastHeld(), windowEnd).compareTo(rule.keepFiringFor()) > 0) {
            return new Outcome(null, event(rule, s, Status.RESOLVED, value, windowEnd, windowEnd));
        }
        return new Outcome(new AlertState(rule.name(), s.phase(), s.labels(), s.value(), s.activeAt(), s.firedAt(),
                s.lastHeld(), windowEnd, resolution, 0), null);
    }

    /**
     * The clock of the series' partition ({@code streamTime}: the latest window end it has seen) has moved on
     * without this series: after {@code staleAfter} a pending alert is dropped and a firing one resolves.
     */
    public static Outcome onStreamTime(Rule rule, AlertState s, Instant streamTime, Duration staleAfter) {
        if (s.phase() == Phase.WATCHING || Duration.between(s.lastSeen(), streamTime).compareTo(staleAfter) < 0) {
            return new Outcome(s, null);
        }
        if (s.phase() == Phase.PENDING) {
            return new Outcome(null, null);
        }
        return new Outcome(null, event(rule, s, Status.RESOLVED, Double.NaN, streamTime, streamTime));
    }

    /** A rollup of a series that an absence rule selects: it reports; a firing absence resolves. */
    public static Outcome onSeen(Rule rule, AlertState s, Map<String, String> labels, Instant windowEnd,
                                 Duration resolution, long nowMs) {
        var watching = new AlertState(rule.name(), Phase.WATCHING, labels, Double.NaN, null, null, null, windowEnd,
                resolution, nowMs);
        if (s != null && s.phase() == Phase.FIRING) {
            var now = Instant.ofEpochMilli(nowMs);
            return new Outcome(watching, event(rule, s, Status.RESOLVED, Double.NaN, now, now));
        }
        return new Outcome(watching, null);
    }

    /**
     * The wall clock of an absence rule's check: a watched series silent for {@code absent_for} fires. Silence
     * counts from when the series was last processed, or from this instance's start if later: after a restart
     * every series gets {@code absent_for} to show up again before the backlog is taken for an absence.
     */
    public static Outcome onClock(Rule rule, AlertState s, long nowMs, long startedMs) {
        if (s.phase() != Phase.WATCHING) {
            return new Outcome(s, null);
        }
        long silentMs = nowMs - Math.max(s.seenAtMs(), startedMs);
        if (silentMs < rule.absentFor().toMillis()) {
            return new Outcome(s, null);
        }
        var now = Instant.ofEpochMilli(nowMs);
        double silentSeconds = (nowMs - s.seenAtMs()) / 1000.0;
        var firing = new AlertState(rule.name(), Phase.FIRING, s.labels(), silentSeconds, null, now, null,
                s.lastSeen(), s.resolution(), s.seenAtMs());
        return new Outcome(firing, event(rule, firing, Status.FIRING, silentSeconds, null, now));
    }

    /** A rule that is no longer in the rules file (a restart with an edited file): its alerts end now. */
    public static Outcome onRuleRemoved(AlertState s, Instant now) {
        if (s.phase() != Phase.FIRING) {
            return new Outcome(null, null);
        }
        return new Outcome(null, new AlertEvent(AlertEvent.SCHEMA_VERSION, Fingerprint.of(s.labels()),
                Status.RESOLVED, s.labels(), Map.of(), null, s.firedAt(), now, now));
    }

    private static Outcome pendingOrFiring(Rule rule, AlertState pending) {
        var heldFor = Duration.between(pending.activeAt(), pending.lastHeld());
        if (heldFor.compareTo(rule.holdFor(pending.resolution())) < 0) {
            return new Outcome(pending, null);
        }
        var firing = new AlertState(rule.name(), Phase.FIRING, pending.labels(), pending.value(), pending.activeAt(),
                pending.lastHeld(), pending.lastHeld(), pending.lastSeen(), pending.resolution(), 0);
        return new Outcome(firing, event(rule, firing, Status.FIRING, firing.value(), null, firing.lastHeld()));
    }

    /** The alert's labels: alertname, severity, the series' tags (and resource), the rule's labels. */
    public static Map<String, String> labels(Rule rule, Map<String, String> seriesTags) {
        var labels = new LinkedHashMap<String, String>();
        labels.put("alertname", rule.name());
        labels.put("severity", rule.severity());
        labels.putAll(seriesTags);
        labels.putAll(rule.labels());
        return labels;
    }

    static AlertEvent event(Rule rule, AlertState s, Status status, double value, Instant endsAt, Instant at) {
        double shown = Double.isNaN(value) ? s.value() : value;
        var annotations = new LinkedHashMap<String, String>();
        rule.annotations().forEach((k, template) -> annotations.put(k, Templates.fill(template, s.labels(), shown)));
        return new AlertEvent(AlertEvent.SCHEMA_VERSION, Fingerprint.of(s.labels()), status, s.labels(), annotations,
                value, s.firedAt(), endsAt, at);
    }
}
