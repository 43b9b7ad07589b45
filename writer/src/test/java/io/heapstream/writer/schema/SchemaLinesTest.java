package io.heapstream.writer.schema;

import static io.heapstream.writer.schema.Rollups.RETENTION;
import static org.assertj.core.api.Assertions.assertThat;

import io.heapstream.model.MetricCatalogue;
import io.heapstream.model.rollup.MetricStats;
import io.heapstream.model.rollup.Rollup;
import io.heapstream.model.rollup.RollupKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.influxdb.dto.Point;
import org.junit.jupiter.api.Test;

/** The schemas' fast lines are, character for character, what influxdb-java writes for their points. */
class SchemaLinesTest {
    private static final String[] NAMES = {"prod", "a b", "x,y", "k=v", "Deployment/web", "ünï", "back\\slash", "q\"t"};
    private static final String[] RESOURCES = {"/", "logs", "Volume:data", "nvidia 0", "a,b=c"};

    private final SplittableRandom random = new SplittableRandom(7);

    @Test
    void nativeLinesAreThePointsLineProtocol() {
        assertLinesMatchPoints(new NativeSchema("heapstream", RETENTION));
    }

    @Test
    void heapsterLinesAreThePointsLineProtocol() {
        assertLinesMatchPoints(new HeapsterSchema("k8s", RETENTION, true, true));
        assertLinesMatchPoints(new HeapsterSchema("k8s", RETENTION, false, false));
    }

    private void assertLinesMatchPoints(InfluxSchema schema) {
        for (int i = 0; i < 2000; i++) {
            Rollup rollup = randomRollup();
            List<String> expected = schema.points(rollup).stream()
                    .map(point -> point.lineProtocol(TimeUnit.MILLISECONDS)).toList();
            assertThat(schema.lines(rollup)).as("rollup %s", rollup).isEqualTo(expected);
        }
    }

    private Rollup randomRollup() {
        RollupKey key = switch (random.nextInt(8)) {
            case 0 -> RollupKey.container(name(), name(), name(), name(), name(), random.nextBoolean() ? name() : null);
            case 1 -> RollupKey.pod(name(), name(), name(), name(), random.nextBoolean() ? name() : null);
            case 2 -> RollupKey.namespace(name(), name());
            case 3 -> RollupKey.workload(name(), name(), name());
            case 4 -> RollupKey.node(name(), name());
            case 5 -> RollupKey.sysContainer(name(), name(), random.nextBoolean() ? "runtime" : name());
            case 6 -> RollupKey.cluster(name());
            default -> RollupKey.fleet();
        };
        var catalogue = MetricCatalogue.all();
        var metrics = new ArrayList<MetricStats>();
        for (int m = random.nextInt(12); m > 0; m--) {
            var metric = catalogue.get(random.nextInt(catalogue.size()));
            String resource = metric.perResource() ? RESOURCES[random.nextInt(RESOURCES.length)] : null;
            String name = random.nextInt(20) == 0 ? "custom/" + name() : metric.name();
            metrics.add(new MetricStats(name, resource, 1 + random.nextInt(60), value(), value(), value(), value()));
        }
        Map<String, String> labels = random.nextBoolean() ? Map.of(name(), name(), "app", name()) : Map.of();
        return Rollups.rollup(key, metrics, labels, random.nextBoolean() ? name() + ":1.0" : null);
    }

    private double value() {
        return switch (random.nextInt(10)) {
            case 0 -> Double.NaN;
            case 1 -> Double.POSITIVE_INFINITY;
            case 2 -> random.nextInt(1000);
            case 3 -> Double.longBitsToDouble(random.nextLong());
            default -> random.nextDouble() * Math.pow(10, random.nextInt(-8, 14));
        };
    }

    private String name() {
        return NAMES[random.nextInt(NAMES.length)] + random.nextInt(3);
    }

    @Test
    void pointsOfTheSameRollupAreStableAcrossCalls() {
        var schema = new NativeSchema("heapstream", RETENTION);
        Rollup rollup = randomRollup();

        assertThat(schema.points(rollup)).isEqualTo(schema.points(rollup));
        assertThat(schema.points(rollup)).allSatisfy(point -> assertThat(point).isInstanceOf(Point.class));
    }
}
