package io.heapstream.writer.schema;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * A retention policy the writer writes into, and creates when it is missing.
 *
 * @param name          e.g. {@code rp_1m}, or {@code default} in the Heapster schema
 * @param duration      how long InfluxDB keeps the data; {@link Duration#ZERO} means forever (InfluxDB's INF)
 * @param isDefault     whether it is the database's default policy (queries that name no policy read it)
 */
public record RetentionPolicy(String name, Duration duration, boolean isDefault) {
    public RetentionPolicy {
        requireNonNull(name, "name");
        requireNonNull(duration, "duration");
        if (duration.isNegative()) {
            throw new IllegalArgumentException("retention of " + name + " must not be negative: " + duration);
        }
    }

    /** The duration as InfluxQL spells it: {@code 168h}, {@code 9600h}, or {@code INF}. */
    public String influxQlDuration() {
        if (duration.isZero()) {
            return "INF";
        }
        long seconds = duration.toSeconds();
        return seconds % 3600 == 0 ? seconds / 3600 + "h" : seconds + "s";
    }
}
