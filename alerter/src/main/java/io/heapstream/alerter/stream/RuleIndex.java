package io.heapstream.alerter.stream;

import io.heapstream.alerter.rules.Rule;
import io.heapstream.model.codec.RollupJsonReader;
import io.heapstream.model.rollup.Level;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A rule set worked out once for evaluation: the rules of each level, and the metrics they read per level. It is
 * also the rollup reader's {@link RollupJsonReader.Selection}: a rollup of a level no rule watches is not read past
 * its key, and of the others only the metrics some rule names are decoded (a pod rollup carries ~21 metrics, the
 * default rules read 8; a container rollup 14, they read 1). Immutable; a reload builds a new one.
 */
public final class RuleIndex implements RollupJsonReader.Selection {
    /** One rule with what the evaluator asks of it on every rollup, computed here instead. */
    record Entry(Rule rule, boolean perResource, Set<String> metrics, Set<String> increased,
                 boolean needsTags) { }

    private final List<Rule> rules;
    private final Map<String, Rule> byName = new LinkedHashMap<>();
    private final Entry[][] byLevel = new Entry[Level.values().length][];
    private final List<Set<String>> metricsByLevel = new ArrayList<>();

    public RuleIndex(List<Rule> rules) {
        this.rules = List.copyOf(rules);
        this.rules.forEach(r -> byName.put(r.name(), r));
        for (Level level : Level.values()) {
            var entries = new ArrayList<Entry>();
            var metrics = new HashSet<String>();
            for (Rule r : this.rules) {
                if (r.level() != level) {
                    continue;
                }
                var read = r.isAbsence() ? Set.<String>of() : r.condition().metrics();
                var increased = r.isAbsence() ? Set.<String>of() : r.condition().increased();
                entries.add(new Entry(r, r.perResource(), read, increased, !r.matchers().isEmpty()));
                metrics.addAll(read);
            }
            byLevel[level.ordinal()] = entries.toArray(Entry[]::new);
            metricsByLevel.add(Set.copyOf(metrics));
        }
    }

    public List<Rule> rules() {
        return rules;
    }

    /** The rule of that name, or null. */
    Rule rule(String name) {
        return byName.get(name);
    }

    /** The rules watching the level, in file order. */
    Entry[] of(Level level) {
        return byLevel[level.ordinal()];
    }

    @Override
    public boolean level(Level level) {
        return byLevel[level.ordinal()].length > 0;
    }

    @Override
    public boolean metric(Level level, String name) {
        return metricsByLevel.get(level.ordinal()).contains(name);
    }
}
