package io.heapstream.app.demo;

import io.heapstream.model.rollup.Level;
import io.heapstream.writer.delivery.Batch;
import io.heapstream.writer.delivery.WriterHooks;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.search.Search;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * What the demo has done so far, read from the stages' own meters (scrapes from each collector's registry,
 * final rollups from the aggregator's) and from the writer's acknowledgements (points per measurement, which
 * in the native schema is the level).
 */
public final class Tally implements WriterHooks {
    private final List<MeterRegistry> collectors = new CopyOnWriteArrayList<>();
    private volatile MeterRegistry aggregator;
    private final AtomicLongArray points = new AtomicLongArray(Level.values().length);

    /** A snapshot: scrapes published and failed, rollups emitted and points written per level. */
    public record Counts(long scrapes, long scrapeErrors, Map<Level, Long> rollups, Map<Level, Long> points) {
        public Counts {
            rollups = Map.copyOf(rollups);
            points = Map.copyOf(points);
        }

        public long rollups(Level level) {
            return rollups.getOrDefault(level, 0L);
        }

        public long points(Level level) {
            return points.getOrDefault(level, 0L);
        }

        public long totalRollups() {
            return rollups.values().stream().mapToLong(Long::longValue).sum();
        }

        public long totalPoints() {
            return points.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    void collector(MeterRegistry registry) {
        collectors.add(registry);
    }

    void aggregator(MeterRegistry registry) {
        this.aggregator = registry;
    }

    /** Counts each acknowledged line under its measurement (the text before the first unescaped ',' or ' '). */
    @Override
    public void acknowledged(Batch batch) {
        for (var group : batch.groups().values()) {
            for (var line : group.lines()) {
                var level = levelOf(line);
                if (level != null) {
                    points.incrementAndGet(level.ordinal());
                }
            }
        }
    }

    public Counts counts() {
        long scrapes = 0;
        long errors = 0;
        for (var registry : collectors) {
            scrapes += (long) Search.in(registry).name("heapstream.collector.scrapes").counters().stream()
                    .mapToDouble(c -> c.count()).sum();
            errors += (long) Search.in(registry).name("heapstream.collector.scrape.errors").counters().stream()
                    .mapToDouble(c -> c.count()).sum();
        }
        var rollups = new EnumMap<Level, Long>(Level.class);
        var registry = aggregator;
        if (registry != null) {
            for (var counter : Search.in(registry).name("heapstream.aggregator.windows.emitted").counters()) {
                var level = Level.fromId(counter.getId().getTag("level"));
                rollups.merge(level, (long) counter.count(), Long::sum);
            }
        }
        var written = new EnumMap<Level, Long>(Level.class);
        for (var level : Level.values()) {
            written.put(level, points.get(level.ordinal()));
        }
        return new Counts(scrapes, errors, rollups, written);
    }

    static Level levelOf(String line) {
        int end = 0;
        while (end < line.length() && line.charAt(end) != ',' && line.charAt(end) != ' ') {
            end++;
        }
        try {
            return Level.fromId(line.substring(0, end));
        } catch (IllegalArgumentException notALevel) {
            return null;
        }
    }
}
