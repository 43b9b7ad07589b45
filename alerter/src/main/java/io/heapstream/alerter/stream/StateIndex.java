package io.heapstream.alerter.stream;

import io.heapstream.alerter.engine.AlertState;
import io.heapstream.alerter.engine.AlertState.Phase;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;

/**
 * The task's two stores with what the evaluator asks of them on every rollup kept in memory: which fingerprints
 * have a state (a few: only pending, firing and watched series) and each increase() metric's last value. RocksDB
 * is read only for a state that exists and written only on a change, instead of a read per rule and series and
 * a range scan per increase() series. The stores stay the truth: the memory is rebuilt from them at every
 * {@link #load} (Streams calls the processor's init after restoring them, after a crash too), and every write
 * goes to both.
 */
final class StateIndex {
    /** A remembered value and the end of the window it was written at. */
    private record Remembered(long atMs, double value) { }

    private static final long RETENTION_MS = AlertTopology.PREVIOUS_RETENTION.toMillis();
    private KeyValueStore<String, AlertState> states;
    private WindowStore<String, Double> previous;
    private final Set<String> keys = new HashSet<>();
    private final Map<String, Integer> perRule = new HashMap<>();
    private final Map<String, Remembered> values = new HashMap<>();
    private long forgottenUpToMs;

    void load(KeyValueStore<String, AlertState> stateStore, WindowStore<String, Double> previousStore) {
        states = stateStore;
        previous = previousStore;
        keys.clear();
        perRule.clear();
        values.clear();
        try (var all = states.all()) {
            while (all.hasNext()) {
                var e = all.next();
                keys.add(e.key);
                perRule.merge(e.value.rule(), 1, Integer::sum);
            }
        }
        try (var all = previous.all()) {
            while (all.hasNext()) {
                var e = all.next();
                long at = e.key.window().start();
                values.merge(e.key.key(), new Remembered(at, e.value), (a, b) -> a.atMs >= b.atMs ? a : b);
            }
        }
    }

    /** True when some series has a state for the rule. */
    boolean hasStates(String rule) {
        return perRule.containsKey(rule);
    }

    /** The state of the fingerprint, or null; the store is read only when there is one. */
    AlertState state(String fp) {
        return keys.contains(fp) ? states.get(fp) : null;
    }

    void put(String fp, AlertState before, AlertState next) {
        states.put(fp, next);
        if (keys.add(fp)) {
            perRule.merge(next.rule(), 1, Integer::sum);
        }
    }

    void delete(String fp, AlertState before) {
        states.delete(fp);
        if (keys.remove(fp)) {
            perRule.computeIfPresent(before.rule(), (r, n) -> n == 1 ? null : n - 1);
        }
    }

    /** Every state, from the store. */
    void forEachState(BiConsumer<String, AlertState> action) {
        try (var all = states.all()) {
            while (all.hasNext()) {
                var e = all.next();
                action.accept(e.key, e.value);
            }
        }
    }

    /** True for a state of an absence rule: watching, or firing without a run of held windows. */
    static boolean ofAbsenceRule(AlertState s) {
        return s.phase() == Phase.WATCHING || (s.phase() == Phase.FIRING && s.activeAt() == null);
    }

    /** The value remembered for the key before the window ending at {@code windowEnd}, or NaN when none. */
    double previousLast(String key, Instant windowEnd) {
        var r = values.get(key);
        long end = windowEnd.toEpochMilli();
        if (r == null) {
            return Double.NaN;
        }
        if (r.atMs < end) {
            return r.atMs >= end - RETENTION_MS ? r.value : Double.NaN;
        }
        // an older window than the latest remembered (a replay): what the store had before it
        Double last = Double.NaN;
        try (var it = previous.fetch(key, end - RETENTION_MS, end - 1)) {
            while (it.hasNext()) {
                last = it.next().value;
            }
        }
        return last;
    }

    /**
     * Remembers a value at the window's end: written when it changed, or to keep it from expiring (restart counts
     * rarely change, and every write is a changelog record). An older window than the latest is not written.
     */
    void remember(String key, double value, Instant windowEnd) {
        long end = windowEnd.toEpochMilli();
        var r = values.get(key);
        if (r != null && r.atMs >= end) {
            return;
        }
        if (r == null || r.value != value || r.atMs < end - RETENTION_MS / 2) {
            previous.put(key, value, end);
            values.put(key, new Remembered(end, value));
        }
    }

    /** Drops the remembered values the store has let expire (series gone for the retention), once a minute. */
    void forgetOldValues(Instant streamTime) {
        if (streamTime == null || streamTime.toEpochMilli() - forgottenUpToMs < 60_000) {
            return;
        }
        forgottenUpToMs = streamTime.toEpochMilli();
        values.values().removeIf(r -> r.atMs < forgottenUpToMs - RETENTION_MS);
    }
}
