package io.heapstream.aggregator;

import io.heapstream.model.Topics;
import io.heapstream.model.rollup.Level;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The aggregator's own meters: late and duplicate scrapes, dead letters, windows emitted per level. */
final class AggregatorMetrics implements RollupEvents {
    private final MeterRegistry registry;
    private final Counter late;
    private final Counter duplicates;
    private final Counter future;
    private final Counter deadLetters;
    private final Map<String, Counter> emitted = new ConcurrentHashMap<>();

    AggregatorMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.late = Counter.builder("heapstream.aggregator.late.records")
                .description("Scrapes that arrived after their window closed (sent to the late topic)")
                .register(registry);
        this.duplicates = Counter.builder("heapstream.aggregator.duplicate.records")
                .description("Second scrapes of a node and slot, ignored").register(registry);
        this.future = Counter.builder("heapstream.aggregator.future.records")
                .description("Scrapes stamped beyond the wall clock plus the grace (sent to the late topic)")
                .register(registry);
        this.deadLetters = Counter.builder("heapstream.aggregator.dead.letters")
                .description("Raw records that could not be read (sent to the dead-letter topic)").register(registry);
    }

    Counter deadLetters() {
        return deadLetters;
    }

    @Override
    public void late(String nodeKey, long slotMillis) {
        late.increment();
    }

    @Override
    public void future(String nodeKey, long slotMillis) {
        future.increment();
    }

    @Override
    public void duplicate(String nodeKey, long slotMillis) {
        duplicates.increment();
    }

    @Override
    public void emitted(Level level, Duration resolution) {
        var key = level.id() + '/' + resolution;
        emitted.computeIfAbsent(key, k -> Counter.builder("heapstream.aggregator.windows.emitted")
                .description("Final rollups emitted").tag("level", level.id())
                .tag("resolution", Topics.suffix(resolution)).register(registry)).increment();
    }
}
