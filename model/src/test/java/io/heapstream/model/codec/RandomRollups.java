package io.heapstream.model.codec;

import io.heapstream.model.rollup.Level;
import io.heapstream.model.rollup.MetricStats;
import io.heapstream.model.rollup.Rollup;
import io.heapstream.model.rollup.RollupKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/** Rollups with every field varied (seeded): the reader tests' inputs and the reader benchmark's. */
final class RandomRollups {
    private static final String[] NAMES = {"web", "ñamespace-日本", "quote\"back\\slash", "tab\tnew\nline", "😀-pod",
        "", "a/b", "Deployment/web"};
    private static final Duration[] RESOLUTIONS = {Duration.ofSeconds(10), Duration.ofMinutes(1),
        Duration.ofHours(1), Duration.ofDays(1)};
    private final Random random;

    RandomRollups(long seed) {
        random = new Random(seed);
    }

    Rollup next() {
        var level = Level.values()[random.nextInt(Level.values().length)];
        var key = new RollupKey(level, name(), maybeName(), maybeName(), maybeName(), maybeName(), maybeName());
        var metrics = new ArrayList<MetricStats>();
        int n = random.nextInt(4) == 0 ? 0 : 1 + random.nextInt(40);
        for (int m = 0; m < n; m++) {
            metrics.add(new MetricStats("metric/" + name() + m, maybeName(), 1 + random.nextInt(Integer.MAX_VALUE),
                    number(), number(), number(), number()));
        }
        var labels = new TreeMap<String, String>();
        for (int l = random.nextInt(2) == 0 ? 0 : random.nextInt(6); l > 0; l--) {
            labels.put("label" + l + name(), name());
        }
        var start = Instant.ofEpochSecond(1_700_000_000L + random.nextInt(100_000_000),
                random.nextInt(8) == 0 ? random.nextInt(1_000_000_000) : 0);
        var resolution = RESOLUTIONS[random.nextInt(RESOLUTIONS.length)];
        return new Rollup(random.nextInt(3), key, resolution, start, start.plus(resolution), metrics, labels,
                random.nextBoolean() ? null : "registry/" + name() + ":1." + random.nextInt(9));
    }

    /** A typical pod rollup: a few dozen metrics, labels, gauges' whole numbers and rates' fractions. */
    static Rollup typical(int i) {
        var metrics = new ArrayList<MetricStats>();
        for (int m = 0; m < 24; m++) {
            metrics.add(new MetricStats("metric/" + m, m % 6 == 0 ? "/dev/sda" + m : null, 6, 1234.5678 * m + 0.1,
                    1_048_576.0 * m, 2_097_152.0 * m, 0.25 * m));
        }
        var start = Instant.parse("2026-01-01T00:01:00Z").plusSeconds(60L * i);
        return new Rollup(Rollup.SCHEMA_VERSION, RollupKey.pod("c1", "ns", "web-" + i, "n1", "Deployment/web"),
                Duration.ofMinutes(1), start, start.plusSeconds(60), metrics, Map.of("app", "web", "tier", "front"),
                null);
    }

    private String name() {
        return NAMES[random.nextInt(NAMES.length)] + random.nextInt(100);
    }

    private String maybeName() {
        return random.nextInt(3) == 0 ? null : name();
    }

    private double number() {
        return switch (random.nextInt(10)) {
            case 0 -> Double.NaN;
            case 1 -> random.nextBoolean() ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
            case 2 -> random.nextBoolean() ? -0.0 : 0.0;
            case 3, 4 -> (double) (random.nextLong() >> random.nextInt(64));   // whole, some past 2^53
            case 5 -> Double.longBitsToDouble(random.nextLong());              // any bits, NaN payloads too
            default -> (random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(40) - 20);
        };
    }
}
