package io.heapstream.alerter.stream;

import io.heapstream.model.Topics;
import java.time.Duration;
import java.util.function.Supplier;
import org.apache.kafka.streams.Topology;

/**
 * Rollups in, alert events out: one processor that runs every rule's state machine over each rollup, with its
 * states in a persistent store. Settings in, Topology out: no clock, no env, no I/O.
 */
public final class AlertTopology {
    /** The store of pending and firing alerts (and watched series of absence rules), keyed by fingerprint. */
    public static final String STATES = "alert-states";
    /**
     * The last value of each metric a rule reads with increase(), keyed {@code fingerprint/metric}, at the end of
     * the window it was seen in; kept {@link #PREVIOUS_RETENTION}.
     */
    public static final String PREVIOUS = "alert-previous";
    /** How long a remembered value lasts: a series silent longer starts afresh (increase within its window). */
    public static final Duration PREVIOUS_RETENTION = Duration.ofHours(2);
    static final AlertStores STORES = new AlertStores(STATES, PREVIOUS);
    static final String SOURCE = "rollups";
    static final String EVALUATE = "evaluate-rules";
    static final String SINK = "alerts";

    private AlertTopology() { }

    /** The topology evaluating the settings' rules, for good. */
    public static Topology build(AlertSettings settings) {
        var fixed = new RuleIndex(settings.rules());
        return build(settings, () -> fixed);
    }

    /**
     * The topology evaluating what {@code rules} gives at each record (a reload replaces it; the settings' rules
     * are then unused). Rollups are read for the current rules: of a level no rule watches, only the key.
     */
    public static Topology build(AlertSettings settings, Supplier<RuleIndex> rules) {
        var topology = new Topology();
        topology.addSource(SOURCE, Topics.ROLLUP_KEY.deserializer(), SelectedRollup.deserializer(rules),
                settings.rollupTopic());
        topology.addProcessor(EVALUATE, () -> new AlertProcessor<>(settings.staleAfter(), settings.checkInterval(),
                STORES, rules, SelectedRollup.INPUT), SOURCE);
        STORES.builders().forEach(store -> topology.addStateStore(store, EVALUATE));
        topology.addSink(SINK, settings.alertsTopic(), Topics.STRING.serializer(), Topics.ALERT_EVENT.serializer(),
                EVALUATE);
        return topology;
    }
}
