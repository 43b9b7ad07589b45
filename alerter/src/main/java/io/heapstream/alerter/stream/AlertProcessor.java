package io.heapstream.alerter.stream;

import io.heapstream.alerter.engine.AlertState;
import io.heapstream.alerter.engine.Fingerprint;
import io.heapstream.alerter.engine.Transitions;
import io.heapstream.alerter.engine.Transitions.Outcome;
import io.heapstream.alerter.rules.Expression;
import io.heapstream.alerter.rules.MetricNames;
import io.heapstream.alerter.rules.Rule;
import io.heapstream.alerter.rules.Tags;
import io.heapstream.model.alert.AlertEvent;
import io.heapstream.model.rollup.MetricStats;
import io.heapstream.model.rollup.Rollup;
import io.heapstream.model.rollup.RollupKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.KeyValue;

/**
 * Runs each selecting rule's state machine ({@link Transitions}) on every rollup; a wall-clock punctuation
 * looks for silent series (absence rules) and for pending or firing series the partition has moved past.
 * Store writes and events share Streams' transaction (exactly_once_v2): a crash replays both or neither.
 */
final class AlertProcessor implements Processor<RollupKey, Rollup, String, AlertEvent> {
    /** A rule without per-resource metrics is evaluated once, for no resource. */
    private static final List<String> NO_RESOURCE = java.util.Collections.singletonList(null);
    private final AlertSettings settings;
    private final Map<String, Rule> rulesByName = new LinkedHashMap<>();
    private final List<Rule> rules;
    /** Per rule (same index): whether its condition reads a per-resource metric, worked out once. */
    private final boolean[] perResource;
    private ProcessorContext<String, AlertEvent> context;
    private KeyValueStore<String, AlertState> states;
    private WindowStore<String, Double> previous;
    private long startedMs;
    /** The latest window end this task has processed: the partition's own clock for gone series. */
    private Instant streamTime;

    AlertProcessor(AlertSettings settings) {
        this.settings = settings;
        settings.rules().forEach(r -> rulesByName.put(r.name(), r));
        rules = settings.rules();
        perResource = new boolean[rules.size()];
        for (int i = 0; i < rules.size(); i++) {
            perResource[i] = rules.get(i).perResource();
        }
    }

    @Override
    public void init(ProcessorContext<String, AlertEvent> context) {
        this.context = context;
        this.states = context.getStateStore(AlertTopology.STATES);
        this.previous = context.getStateStore(AlertTopology.PREVIOUS);
        this.startedMs = context.currentSystemTimeMs();
        context.schedule(settings.checkInterval(), PunctuationType.WALL_CLOCK_TIME, this::check);
    }

    @Override
    public void process(Record<RollupKey, Rollup> record) {
        var rollup = record.value();
        if (rollup == null) {
            return;
        }
        if (streamTime == null || rollup.windowEnd().isAfter(streamTime)) {
            streamTime = rollup.windowEnd();
        }
        var tags = Tags.of(rollup.key());
        for (int i = 0; i < rules.size(); i++) {
            var rule = rules.get(i);
            if (!rule.selects(rollup.key().level(), tags)) {
                continue;
            }
            if (rule.isAbsence()) {
                var labels = Transitions.labels(rule, tags);
                var fp = Fingerprint.of(labels);
                var current = states.get(fp);
                apply(fp, current, Transitions.onSeen(rule, current, labels, rollup.windowEnd(),
                        rollup.resolution(), context.currentSystemTimeMs()));
                continue;
            }
            for (String resource : perResource[i] ? resources(rule, rollup) : NO_RESOURCE) {
                evaluate(rule, rollup, tags, resource);
            }
        }
    }

    private void evaluate(Rule rule, Rollup rollup, Map<String, String> tags, String resource) {
        var seriesTags = tags;
        if (resource != null) {
            seriesTags = new LinkedHashMap<>(tags);
            seriesTags.put(Tags.RESOURCE_ID, resource);
        }
        var labels = Transitions.labels(rule, seriesTags);
        var fp = Fingerprint.of(labels);
        var window = new Expression.Window() {
            @Override
            public MetricStats stats(String metric) {
                return MetricNames.perResource(metric) ? find(rollup, metric, resource) : rollup.metric(metric);
            }

            @Override
            public double previousLast(String metric) {
                var last = remembered(fp + "/" + metric, rollup.windowEnd());
                return last == null ? Double.NaN : last.value;
            }
        };
        var condition = rule.condition();
        boolean holds = condition.holds(window);
        double value = condition.reported(window);
        var current = states.get(fp);
        apply(fp, current, Transitions.onWindow(rule, current, labels, holds, value, rollup.windowStart(),
                rollup.windowEnd(), rollup.resolution()));
        for (String metric : condition.increased()) {
            var stats = window.stats(metric);
            if (stats == null) {
                continue;
            }
            // written when it changed, or to keep it from expiring: restart counts rarely change, and every
            // write is a changelog record
            var key = fp + "/" + metric;
            var last = remembered(key, rollup.windowEnd());
            long end = rollup.windowEnd().toEpochMilli();
            if (last == null || last.value != stats.last()
                    || last.key < end - AlertTopology.PREVIOUS_RETENTION.toMillis() / 2) {
                previous.put(key, stats.last(), end);
            }
        }
    }

    /** The latest value remembered for the key before {@code windowEnd}, with its time; null when none. */
    private KeyValue<Long, Double> remembered(String key, Instant windowEnd) {
        long end = windowEnd.toEpochMilli();
        KeyValue<Long, Double> last = null;
        try (var it = previous.fetch(key, end - AlertTopology.PREVIOUS_RETENTION.toMillis(), end - 1)) {
            while (it.hasNext()) {
                last = it.next();
            }
        }
        return last;
    }

    /** Each resource the window reports for the rule's per-resource metrics. */
    private static List<String> resources(Rule rule, Rollup rollup) {
        var metrics = rule.condition().metrics();
        var ids = new LinkedHashSet<String>();
        for (MetricStats m : rollup.metrics()) {
            if (m.resourceId() != null && metrics.contains(m.name())) {
                ids.add(m.resourceId());
            }
        }
        return new ArrayList<>(ids);
    }

    private static MetricStats find(Rollup rollup, String metric, String resource) {
        for (MetricStats m : rollup.metrics()) {
            if (m.name().equals(metric) && resource != null && resource.equals(m.resourceId())) {
                return m;
            }
        }
        return null;
    }

    private void check(long nowMs) {
        record Change(String fp, AlertState current, Outcome outcome) { }
        var changes = new ArrayList<Change>();
        try (var all = states.all()) {
            while (all.hasNext()) {
                var entry = all.next();
                var s = entry.value;
                var rule = rulesByName.get(s.rule());
                Outcome outcome;
                if (rule == null) {
                    outcome = Transitions.onRuleRemoved(s, Instant.ofEpochMilli(nowMs));
                } else if (rule.isAbsence()) {
                    outcome = Transitions.onClock(rule, s, nowMs, startedMs);
                } else if (streamTime != null) {
                    outcome = Transitions.onStreamTime(rule, s, streamTime, settings.staleAfter());
                } else {
                    continue;
                }
                if (outcome.next() != s) {
                    changes.add(new Change(entry.key, s, outcome));
                }
            }
        }
        // applied after the scan: the store's iterator is not to be written under
        changes.forEach(c -> apply(c.fp(), c.current(), c.outcome()));
    }

    private void apply(String fp, AlertState current, Outcome outcome) {
        if (outcome.next() == null) {
            if (current != null || outcome.event() != null) {
                states.delete(fp);
            }
        } else if (outcome.next() != current) {
            states.put(fp, outcome.next());
        }
        var event = outcome.event();
        if (event != null) {
            context.forward(new Record<>(event.fingerprint(), event, event.evaluatedAt().toEpochMilli()));
        }
    }
}
