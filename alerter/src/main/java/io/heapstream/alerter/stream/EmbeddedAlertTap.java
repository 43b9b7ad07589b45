package io.heapstream.alerter.stream;

import static java.util.Objects.requireNonNull;

import io.heapstream.aggregator.RollupTap;
import io.heapstream.model.Topics;
import io.heapstream.model.alert.AlertEvent;
import io.heapstream.model.rollup.Rollup;
import io.heapstream.model.rollup.RollupKey;
import java.time.Duration;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.state.StoreBuilder;

/**
 * The alert rules evaluated inside the aggregator, where the windows close: the same {@link AlertProcessor} as the
 * standalone alerter's, fed the aggregator's {@link Rollup} objects of one resolution (no JSON written and read
 * again), its stores and the alerts sink in the aggregator's exactly-once transaction. One processor per stage
 * ({@link RollupTap}), each with its own stores, so that the two stages stay separate subtopologies:
 * <pre>
 * node stage ───► rollup topics          totals stage ───► rollup topics
 *      └─► alerts-node-evaluate ─► alerts      └─► alerts-totals-evaluate ─► alerts
 *          (alert-states-node, alert-previous-node)  (alert-states-totals, alert-previous-totals)
 * </pre>
 * A series' rollups all come out of one task (the node stage's by node, the totals stage's by series), so its
 * state lives in one place, as in the standalone alerter (there by the rollup topic's partitions).
 *
 * @param alertsTopic   where firing and resolved events go
 * @param resolution    the rollups evaluated (the aggregator's base window); the others pass by
 * @param staleAfter    a pending or firing series that its task has gone this far past without it is gone
 * @param checkInterval how often (wall clock) absences and gone series are looked for
 * @param rules         the rules in force, read at every record (a reload replaces what it gives)
 */
public record EmbeddedAlertTap(String alertsTopic, Duration resolution, Duration staleAfter, Duration checkInterval,
                               Supplier<RuleIndex> rules) implements RollupTap {
    public EmbeddedAlertTap {
        requireNonNull(alertsTopic, "alertsTopic");
        requireNonNull(resolution, "resolution");
        requireNonNull(rules, "rules");
        if (staleAfter.isNegative() || staleAfter.isZero() || checkInterval.isNegative() || checkInterval.isZero()) {
            throw new IllegalArgumentException("staleAfter and checkInterval must be positive");
        }
    }

    /** The stores of a stage's processor: the standalone names suffixed with the stage. */
    static AlertStores stores(String stage) {
        return new AlertStores(AlertTopology.STATES + "-" + stage, AlertTopology.PREVIOUS + "-" + stage);
    }

    @Override
    public void attach(String stage, KStream<RollupKey, Rollup> rollups) {
        var stores = stores(stage);
        var input = input(resolution);
        rollups.process(new ProcessorSupplier<RollupKey, Rollup, String, AlertEvent>() {
            @Override
            public Processor<RollupKey, Rollup, String, AlertEvent> get() {
                return new AlertProcessor<>(staleAfter, checkInterval, stores, rules, input);
            }

            @Override
            public Set<StoreBuilder<?>> stores() {
                return stores.builders();
            }
        }, Named.as("alerts-" + stage + "-evaluate"))
                .to(alertsTopic, Produced.with(Topics.STRING, Topics.ALERT_EVENT).withName("alerts-" + stage + "-sink"));
    }

    /** The rollup itself when it is of the resolution and a rule watches its level; no copy, nothing read. */
    static RollupInput<Rollup> input(Duration resolution) {
        return (rollup, rules) -> rollup != null && rollup.resolution().equals(resolution)
                && rules.level(rollup.key().level()) ? rollup : null;
    }
}
