package io.heapstream.alerter.stream;

import io.heapstream.alerter.engine.AlertState;
import io.heapstream.alerter.engine.Transitions;
import io.heapstream.alerter.engine.Transitions.Outcome;
import io.heapstream.alerter.rules.Rule;
import io.heapstream.alerter.rules.Tags;
import io.heapstream.model.alert.AlertEvent;
import io.heapstream.model.rollup.MetricStats;
import io.heapstream.model.rollup.Rollup;
import io.heapstream.model.rollup.RollupKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.function.Supplier;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Runs each selecting rule's state machine ({@link Transitions}) on every rollup; a wall-clock punctuation
 * looks for silent series (absence rules) and for pending or firing series the partition has moved past.
 * Store writes and events share Streams' transaction (exactly_once_v2): a crash replays both or neither.
 *
 * <p>Most rollups change nothing: a series whose condition does not hold and that has no state costs neither a
 * fingerprint nor a store read ({@link StateIndex} knows which fingerprints have state). The rules are read from
 * {@code rules} on every record, so a reload takes effect at the next record with every state kept.
 *
 * <p>The same code runs in the standalone alerter ({@link AlertTopology}: rollup JSON read for the rules) and
 * inside the aggregator ({@link EmbeddedAlertTap}: its rollups as they close); only the {@link RollupInput} differs.
 *
 * @param <V> the record value, turned into the rollup to evaluate by the {@link RollupInput}
 */
final class AlertProcessor<V> implements Processor<RollupKey, V, String, AlertEvent> {
    private final Duration staleAfter;
    private final Duration checkInterval;
    private final AlertStores stores;
    private final Supplier<RuleIndex> rules;
    private final RollupInput<V> input;
    private final StateIndex index = new StateIndex();
    /** Reused for every evaluation: the condition reads the rollup (and resource) set here. */
    private final SeriesWindow window = new SeriesWindow(index);
    private ProcessorContext<String, AlertEvent> context;
    private long startedMs;
    /** The latest window end this task has processed: the partition's own clock for gone series. */
    private Instant streamTime;

    /**
     * @param staleAfter    a pending or firing series its partition has gone this far past without it is gone
     * @param checkInterval how often (wall clock) absences and gone series are looked for
     * @param stores        the names of this processor's stores
     * @param rules         the rules in force, read at every record and check
     * @param input         the record's value as the rollup to evaluate
     */
    AlertProcessor(Duration staleAfter, Duration checkInterval, AlertStores stores, Supplier<RuleIndex> rules,
                   RollupInput<V> input) {
        this.staleAfter = staleAfter;
        this.checkInterval = checkInterval;
        this.stores = stores;
        this.rules = rules;
        this.input = input;
    }

    @Override
    public void init(ProcessorContext<String, AlertEvent> context) {
        this.context = context;
        index.load(context.getStateStore(stores.states()), context.getStateStore(stores.previous()));
        this.startedMs = context.currentSystemTimeMs();
        context.schedule(checkInterval, PunctuationType.WALL_CLOCK_TIME, this::check);
    }

    @Override
    public void process(Record<RollupKey, V> record) {
        var current = rules.get();
        var rollup = input.rollup(record.value(), current);
        if (rollup == null) {
            return;   // a tombstone, or a level (or resolution) no rule watches
        }
        if (streamTime == null || rollup.windowEnd().isAfter(streamTime)) {
            streamTime = rollup.windowEnd();
        }
        for (RuleIndex.Entry entry : current.of(rollup.key().level())) {
            var rule = entry.rule();
            window.set(rollup, null, rule);
            if (entry.needsTags() && !rule.selects(rollup.key().level(), window.tags())) {
                continue;
            }
            if (rule.isAbsence()) {
                var fp = window.fingerprint();
                var state = index.state(fp);
                apply(fp, state, Transitions.onSeen(rule, state, window.labels(), rollup.windowEnd(),
                        rollup.resolution(), context.currentSystemTimeMs()));
            } else if (entry.perResource()) {
                for (String resource : resources(entry, rollup)) {
                    window.set(rollup, resource, rule);
                    evaluate(entry);
                }
            } else {
                evaluate(entry);
            }
        }
    }

    /** Evaluates one rule on the series {@link #window} is set to. */
    private void evaluate(RuleIndex.Entry entry) {
        var rule = entry.rule();
        var rollup = window.rollup();
        var condition = rule.condition();
        boolean holds = condition.holds(window);
        if (!holds && !index.hasStates(rule.name())) {
            remember(entry);
            return;   // nothing pending or firing for this rule here: nothing can change
        }
        var fp = window.fingerprint();
        double value = condition.reported(window);
        var state = index.state(fp);
        apply(fp, state, Transitions.onWindow(rule, state, window.labels(), holds, value, rollup.windowStart(),
                rollup.windowEnd(), rollup.resolution()));
        remember(entry);
    }

    /**
     * The last value of each metric read with increase(), for the series' next window. A series whose value was
     * zero all along is not remembered unless its fingerprint was needed anyway: its increase was zero whatever
     * came before ({@link io.heapstream.alerter.rules.Expression.Increase}), and most containers never restart.
     * (What this gives up: a counter that went back to zero keeps its older value remembered, so a later increase
     * to exactly that value is missed; restart counts of a container do not go back.)
     */
    private void remember(RuleIndex.Entry entry) {
        for (String metric : entry.increased()) {
            var stats = window.stats(metric);
            if (stats != null && (window.hasFingerprint() || stats.last() != 0 || stats.max() != 0)) {
                index.remember(window.fingerprint() + "/" + metric, stats.last(), window.rollup().windowEnd());
            }
        }
    }

    /** Each resource the window reports for the rule's per-resource metrics. */
    private static Iterable<String> resources(RuleIndex.Entry entry, Rollup rollup) {
        var ids = new LinkedHashSet<String>();
        for (MetricStats m : rollup.metrics()) {
            if (m.resourceId() != null && entry.metrics().contains(m.name())) {
                ids.add(m.resourceId());
            }
        }
        return ids;
    }

    private void check(long nowMs) {
        record Change(String fp, AlertState current, Outcome outcome) { }
        var current = rules.get();
        var changes = new ArrayList<Change>();
        index.forEachState((fp, s) -> {
            var rule = current.rule(s.rule());
            Outcome outcome;
            if (rule == null || rule.isAbsence() != StateIndex.ofAbsenceRule(s) || !labelledBy(rule, s)) {
                // gone from the rules, turned from a condition into an absence rule (or back), or its severity or
                // labels changed (a reload): no rollup will ever match this state again, so it ends now
                outcome = Transitions.onRuleRemoved(s, Instant.ofEpochMilli(nowMs));
            } else if (rule.isAbsence()) {
                outcome = Transitions.onClock(rule, s, nowMs, startedMs);
            } else if (streamTime != null) {
                outcome = Transitions.onStreamTime(rule, s, streamTime, staleAfter);
            } else {
                return;
            }
            if (outcome.next() != s) {
                changes.add(new Change(fp, s, outcome));
            }
        });
        // applied after the scan: the store's iterator is not to be written under
        changes.forEach(c -> apply(c.fp(), c.current(), c.outcome()));
        index.forgetOldValues(streamTime);
    }

    /**
     * True when the state's labels are what the rule gives now: its severity and labels, and no label beyond
     * those, the level's tags and a resource. A reload that changed them leaves states no series maps to.
     */
    private static boolean labelledBy(Rule rule, AlertState s) {
        var labels = s.labels();
        if (!rule.severity().equals(labels.get("severity"))) {
            return false;
        }
        for (var e : rule.labels().entrySet()) {
            if (!e.getValue().equals(labels.get(e.getKey()))) {
                return false;
            }
        }
        var tags = Tags.of(rule.level());
        for (String name : labels.keySet()) {
            if (!name.equals("alertname") && !name.equals("severity") && !name.equals(Tags.RESOURCE_ID)
                    && !tags.contains(name) && !rule.labels().containsKey(name)) {
                return false;
            }
        }
        return true;
    }

    private void apply(String fp, AlertState current, Outcome outcome) {
        if (outcome.next() == null) {
            if (current != null) {
                index.delete(fp, current);
            }
        } else if (outcome.next() != current) {
            index.put(fp, current, outcome.next());
        }
        var event = outcome.event();
        if (event != null) {
            context.forward(new Record<>(event.fingerprint(), event, event.evaluatedAt().toEpochMilli()));
        }
    }
}
