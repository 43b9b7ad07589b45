package io.heapstream.writer.schema;

import io.heapstream.model.rollup.Rollup;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.influxdb.dto.Point;

/**
 * How rollups become InfluxDB points: measurement, tags, fields, database and retention policy. Implementations
 * are pure (no I/O, no clock): the same rollup always gives the same points, which is what makes re-delivery
 * harmless (InfluxDB overwrites a point with the same measurement, tag set and timestamp).
 *
 * <p>{@link NativeSchema} is Heapstream's own (one measurement per level, one field per statistic);
 * {@link HeapsterSchema} is the schema Heapster's InfluxDB sink wrote, for existing dashboards. Both are
 * documented in docs/influxdb-schema.md.
 */
public interface InfluxSchema {

    /**
     * The points of one rollup, timestamped at its window start. NaN and infinite values are left out (InfluxDB
     * cannot store them); a rollup with nothing writable, or of a level the schema has no place for, gives an
     * empty list.
     */
    List<Point> points(Rollup rollup);

    /**
     * The same points as lines of line protocol with millisecond timestamps, exactly as
     * {@code Point.lineProtocol(TimeUnit.MILLISECONDS)} writes them: what the writer sends. The schemas build
     * them without {@code Point} objects (the writer's hot path); tests hold them to this default.
     *
     * @throws UnwritableTextException when a name or tag value cannot be carried unchanged (Point would write
     *                                 a line that InfluxDB splits or misreads)
     */
    default List<String> lines(Rollup rollup) {
        return points(rollup).stream().map(point -> point.lineProtocol(TimeUnit.MILLISECONDS)).toList();
    }

    /** The database every point goes to. */
    String database();

    /** The retention policy the points of a resolution go to. */
    String retentionPolicy(Duration resolution);

    /** Every retention policy this schema writes into, the default one first. */
    List<RetentionPolicy> retentionPolicies();

    /** {@code native} or {@code heapster}, as the {@code --schema} flag spells it. */
    String name();
}
