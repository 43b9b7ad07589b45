package io.heapstream.api.model;

import io.heapstream.model.rollup.RollupKey;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one metric of one entity over a window for the model API: from the store, and with a {@link History}
 * (InfluxDB) the part older than what the store is sure to hold, stitched so that each window comes once.
 */
final class SeriesReader {
    private static final Logger LOG = LoggerFactory.getLogger(SeriesReader.class);

    private final ModelStore store;
    private final Clock clock;
    private final History history;
    private final AtomicLong lastWarned = new AtomicLong(Long.MIN_VALUE / 2);

    /** {@code history == null}: only what the store holds. */
    SeriesReader(ModelStore store, Clock clock, History history) {
        this.store = store;
        this.clock = clock;
        this.history = history;
    }

    /** An entity's points in a window; {@code found} when it has the metric at all. */
    record Read(List<long[]> points, boolean found, String warning) {
        static final Read NOTHING = new Read(List.of(), false, null);
    }

    /**
     * The held points, and with a history and a {@code start} before what is held, the older ones from it: older
     * than {@link ModelStore#heldSince()} from the history, the rest from the store, so a range over both has each
     * window once. Without {@code start} the answer stays what is held, as Heapster's model answered, so that a
     * plain query costs no InfluxDB read. A history that cannot be read leaves all that is held, and a warning.
     */
    Read read(RollupKey entity, String id, long[] window, Map<String, String> query) {
        var series = store.get(entity);
        boolean held = series != null && series.has(id);
        long cut = store.heldSince();
        var start = query.get("start");
        if (history == null || start == null || start.isEmpty() || window[0] >= cut) {
            return new Read(held ? series.points(id, window[0], window[1]) : List.of(), held, null);
        }
        var points = new ArrayList<long[]>();
        try {
            points.addAll(history.points(entity, id, window[0], Math.min(window[1], cut - 1)));
        } catch (History.Unavailable e) {
            var warning = e.getMessage() + "; answering with the last " + retention() + " from the rollup topic only";
            warn(warning);
            return new Read(held ? series.points(id, window[0], window[1]) : List.of(), held, warning);
        }
        String warning = null;
        if (points.size() > History.MAX_POINTS) {
            points.subList(0, points.size() - History.MAX_POINTS).clear();
            warning = "the range holds more than " + History.MAX_POINTS + " windows in InfluxDB: the oldest are left"
                    + " out; ask with a later start";
        }
        if (held && window[1] >= cut) {
            points.addAll(series.points(id, cut, window[1]));
        }
        return new Read(points, held || !points.isEmpty(), warning);
    }

    private String retention() {
        return Duration.ofMillis(clock.millis() - store.heldSince()).toString().substring(2).toLowerCase(
                Locale.ROOT);
    }

    /** One line per minute at most while InfluxDB stays unreadable: every request would say the same. */
    private void warn(String warning) {
        long now = clock.millis();
        long last = lastWarned.get();
        if (now - last >= 60_000 && lastWarned.compareAndSet(last, now)) {
            LOG.warn("api: {}", warning);
        }
    }
}
