package io.heapstream.app.replay;

import io.heapstream.model.rollup.Rollup;
import io.heapstream.writer.schema.InfluxSchema;
import io.heapstream.writer.schema.RetentionPolicy;
import java.time.Duration;
import java.util.List;
import org.influxdb.dto.Point;

/**
 * {@code --retention-policy RP}: the writer's schema, measurements, tags and fields unchanged, with every point
 * in the one policy the user chose (created with infinite duration when missing: replayed history is old, and a
 * finite policy would refuse points older than itself).
 */
record OnePolicySchema(InfluxSchema schema, String policy) implements InfluxSchema {
    @Override
    public List<Point> points(Rollup rollup) {
        return schema.points(rollup);
    }

    @Override
    public List<String> lines(Rollup rollup) {
        return schema.lines(rollup);
    }

    @Override
    public String database() {
        return schema.database();
    }

    @Override
    public String retentionPolicy(Duration resolution) {
        return policy;
    }

    @Override
    public List<RetentionPolicy> retentionPolicies() {
        return List.of(new RetentionPolicy(policy, Duration.ZERO, false));
    }

    @Override
    public String name() {
        return schema.name();
    }
}
