package io.heapstream.model;

import io.heapstream.model.alert.AlertEvent;
import io.heapstream.model.codec.RollupJsonReader;
import io.heapstream.model.raw.RawScrape;
import io.heapstream.model.rollup.Rollup;
import io.heapstream.model.rollup.RollupKey;
import java.time.Duration;
import java.util.Locale;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * The public topics and their default names. Rollups go to one topic per resolution, with the level in the key
 * ({@link RollupKey#level()}); see docs/topics.md for partitions, retention and compaction.
 */
public final class Topics {
    public static final String DEFAULT_RAW = "heapstream.raw";
    public static final String DEFAULT_ROLLUP_PREFIX = "heapstream.rollup.";
    public static final String DEFAULT_DEAD_LETTER = "heapstream.dead-letter";
    public static final String DEFAULT_LATE = "heapstream.late";
    public static final String DEFAULT_ALERTS = "heapstream.alerts";

    public static final Serde<String> STRING = Serdes.String();
    public static final JsonSerde<RawScrape> RAW_SCRAPE = new JsonSerde<>(RawScrape.class);
    public static final JsonSerde<RollupKey> ROLLUP_KEY = new JsonSerde<>(RollupKey.class);
    /** Read with the rollup's streaming reader: every consumer of a rollup topic reads every record. */
    public static final JsonSerde<Rollup> ROLLUP = new JsonSerde<>(Rollup.class, RollupJsonReader::read);
    public static final JsonSerde<AlertEvent> ALERT_EVENT = new JsonSerde<>(AlertEvent.class);

    private Topics() { }

    /** Raw scrapes keyed {@code cluster/node}. */
    public static Topic<String, RawScrape> raw(String name) {
        return new Topic<>(name, STRING, RAW_SCRAPE);
    }

    public static Topic<String, RawScrape> raw() {
        return raw(DEFAULT_RAW);
    }

    /** Final rollups of one resolution. */
    public static Topic<RollupKey, Rollup> rollup(String name) {
        return new Topic<>(name, ROLLUP_KEY, ROLLUP);
    }

    /** The default rollup topic of a resolution: {@code heapstream.rollup.1m}, {@code heapstream.rollup.1h}. */
    public static Topic<RollupKey, Rollup> rollup(Duration resolution) {
        return rollup(DEFAULT_ROLLUP_PREFIX + suffix(resolution));
    }

    /** Alert events (firing, resolved) keyed by the alert's fingerprint. */
    public static Topic<String, AlertEvent> alerts(String name) {
        return new Topic<>(name, STRING, ALERT_EVENT);
    }

    /** {@code 1m}, {@code 1h}, {@code 10s}, {@code 1d}: the shortest exact spelling of a resolution. */
    public static String suffix(Duration resolution) {
        long seconds = resolution.toSeconds();
        if (seconds <= 0 || !resolution.equals(Duration.ofSeconds(seconds))) {
            throw new IllegalArgumentException("a resolution is a whole, positive number of seconds: " + resolution);
        }
        if (seconds % 86_400 == 0) {
            return seconds / 86_400 + "d";
        }
        if (seconds % 3_600 == 0) {
            return seconds / 3_600 + "h";
        }
        if (seconds % 60 == 0) {
            return seconds / 60 + "m";
        }
        return (seconds + "s").toLowerCase(Locale.ROOT);
    }
}
