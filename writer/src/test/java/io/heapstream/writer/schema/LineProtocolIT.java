package io.heapstream.writer.schema;

import static org.assertj.core.api.Assertions.assertThat;

import io.heapstream.model.rollup.MetricStats;
import io.heapstream.model.rollup.Rollup;
import io.heapstream.model.rollup.RollupKey;
import io.heapstream.testkit.TestServices;
import io.heapstream.writer.InfluxSetup;
import io.heapstream.writer.influx.InfluxClient;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import org.influxdb.dto.QueryResult;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A property test against a real InfluxDB 1.x: rollups whose names, tag values, labels, image and metric name are
 * arbitrary strings (biased towards the characters line protocol treats specially) are written as the schemas
 * write them, and every one is either read back exactly (measurement, tags, field keys, time: no point split in
 * two, none lost) or refused before writing, and counted. Seeds are fixed so a failure replays; the case's
 * strings are in the assertion message.
 */
class LineProtocolIT {
    private static final int CASES = 150;
    private static final Duration MINUTE = Duration.ofMinutes(1);
    /** Characters with a meaning in line protocol, or in one of InfluxDB's scanners. */
    private static final String SPECIAL = " ,=\"\\#'/:.-_";
    private static final String DANGEROUS = "\n\r\t\u0000\u007f\\";

    /** What a point is, as far as reading it back can tell. */
    private record Shape(Instant time, String measurement, Map<String, String> tags, Set<String> fields) { }

    @ParameterizedTest(name = "native schema, seed {0}")
    @ValueSource(longs = {17, 4242, 90210})
    void arbitraryNamesInTheNativeSchemaAreReadBackUnchangedOrRefused(long seed) {
        var random = new SplittableRandom(seed);
        String db = TestServices.unique("lp_native");
        var schema = new NativeSchema(db, Map.of(MINUTE, Duration.ZERO));
        var expected = new HashSet<Shape>();
        var lines = new ArrayList<String>();
        int refused = 0;
        Instant base = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofDays(1));
        for (int i = 0; i < CASES; i++) {
            Instant time = base.plus(MINUTE.multipliedBy(i));
            var key = RollupKey.container(text(random), text(random), text(random), text(random), text(random),
                    text(random));
            String metric = text(random);
            String resource = random.nextBoolean() ? null : text(random);
            var rollup = rollup(key, time, metric, resource, Map.of(), null);
            try {
                lines.addAll(schema.lines(rollup));
            } catch (UnwritableTextException e) {
                refused++;
                continue;
            }
            var tags = new TreeMap<String, String>();
            NativeSchema.tag(tags, "cluster", key.cluster());
            NativeSchema.tag(tags, "namespace", key.namespace());
            NativeSchema.tag(tags, "workload", key.workload());
            NativeSchema.tag(tags, "pod", key.pod());
            NativeSchema.tag(tags, "container", key.container());
            NativeSchema.tag(tags, "node", key.node());
            NativeSchema.tag(tags, "resource_id", resource);
            String prefix = NativeSchema.fieldPrefix(metric);
            expected.add(new Shape(time, "container", tags, Set.of(prefix + "_avg", prefix + "_min", prefix + "_max",
                    prefix + "_last", prefix + "_count")));
        }
        assertReadBack(schema, lines, expected, refused, seed);
    }

    @ParameterizedTest(name = "heapster schema, seed {0}")
    @ValueSource(longs = {23, 777})
    void arbitraryNamesLabelsAndImagesInTheHeapsterSchemaAreReadBackUnchangedOrRefused(long seed) {
        var random = new SplittableRandom(seed);
        String db = TestServices.unique("lp_heapster");
        var schema = new HeapsterSchema(db, Map.of(MINUTE, Duration.ZERO), true, true);
        var expected = new HashSet<Shape>();
        var lines = new ArrayList<String>();
        int refused = 0;
        Instant base = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofDays(1));
        for (int i = 0; i < CASES; i++) {
            Instant time = base.plus(MINUTE.multipliedBy(i));
            var key = RollupKey.container(text(random), text(random), text(random), text(random), text(random),
                    null);
            var labels = new TreeMap<String, String>();
            for (int l = random.nextInt(3); l > 0; l--) {
                labels.put(text(random), text(random));
            }
            String image = text(random);
            String metric = text(random);
            var rollup = rollup(key, time, metric, null, labels, image);
            try {
                lines.addAll(schema.lines(rollup));
            } catch (UnwritableTextException e) {
                refused++;
                continue;
            }
            var tags = new TreeMap<String, String>();
            NativeSchema.tag(tags, "type", "pod_container");
            NativeSchema.tag(tags, "cluster_name", key.cluster());
            NativeSchema.tag(tags, "nodename", key.node());
            NativeSchema.tag(tags, "namespace_name", key.namespace());
            NativeSchema.tag(tags, "pod_name", key.pod());
            NativeSchema.tag(tags, "container_name", key.container());
            NativeSchema.tag(tags, "container_base_image", image);
            NativeSchema.tag(tags, "labels", HeapsterSchema.labels(labels));
            expected.add(new Shape(time, metric, tags, Set.of("value")));
        }
        assertReadBack(schema, lines, expected, refused, seed);
    }

    private static void assertReadBack(InfluxSchema schema, List<String> lines, Set<Shape> expected, int refused,
                                       long seed) {
        assertThat(expected.size()).as("cases written (seed %d): too few to mean anything", seed)
                .isGreaterThan(CASES / 5);
        try (var client = InfluxClient.connect(TestServices.influxUrl(), null, null, schema.database(),
                Duration.ofSeconds(30), false)) {
            new InfluxSetup(client, schema, true).ensure();
            String policy = schema.retentionPolicies().get(0).name();
            try {
                client.write(policy, lines);
            } catch (Exception e) {
                throw new AssertionError("InfluxDB refused lines the writer accepted (seed " + seed + "): " + e
                        .getMessage(), e);
            }
            var actual = shapes(client.query("SELECT * FROM \"" + policy + "\"./.*/ GROUP BY *"));
            assertThat(actual).as("points read back (seed %d)", seed).containsExactlyInAnyOrderElementsOf(expected);
        }
        assertThat(refused).as("cases refused (seed %d): the generator should reach them", seed).isPositive();
    }

    private static Set<Shape> shapes(QueryResult result) {
        var shapes = new HashSet<Shape>();
        for (QueryResult.Result each : result.getResults()) {
            if (each.getSeries() == null) {
                continue;
            }
            for (QueryResult.Series series : each.getSeries()) {
                for (List<Object> row : series.getValues()) {
                    var fields = new TreeSet<String>();
                    Instant time = null;
                    for (int c = 0; c < series.getColumns().size(); c++) {
                        String column = series.getColumns().get(c);
                        if (column.equals("time")) {
                            time = Instant.parse(String.valueOf(row.get(c)));
                        } else if (row.get(c) != null) {
                            fields.add(column);
                        }
                    }
                    var tags = new TreeMap<String, String>();
                    if (series.getTags() != null) {
                        series.getTags().forEach((tag, value) -> NativeSchema.tag(tags, tag, value));
                    }
                    shapes.add(new Shape(time, series.getName(), tags, fields));
                }
            }
        }
        return shapes;
    }

    private static Rollup rollup(RollupKey key, Instant time, String metric, String resource,
                                 Map<String, String> labels, String image) {
        return new Rollup(Rollup.SCHEMA_VERSION, key, MINUTE, time, time.plus(MINUTE),
                List.of(new MetricStats(metric, resource, 3, 2.5, 1, 4, 2)), labels, image);
    }

    /**
     * Up to 8 characters: usually letters, digits, non-ASCII (2-byte, 3-byte and surrogate pairs) and the
     * characters line protocol escapes; one string in eight also draws newlines, carriage returns, tabs, NUL,
     * backslashes and lone surrogates, which the writer must refuse or carry.
     */
    private static String text(SplittableRandom random) {
        boolean dangerous = random.nextInt(8) == 0;
        int length = random.nextInt(9);
        var text = new StringBuilder();
        for (int i = 0; i < length; i++) {
            int kind = random.nextInt(dangerous ? 10 : 8);
            switch (kind) {
                case 0, 1, 2 -> text.append((char) random.nextInt('a', 'z' + 1));
                case 3 -> text.append((char) random.nextInt('0', '9' + 1));
                case 4, 5 -> text.append(SPECIAL.charAt(random.nextInt(SPECIAL.length())));
                case 6 -> text.appendCodePoint(random.nextInt(0x80, 0xD800));
                case 7 -> text.appendCodePoint(random.nextInt(0x10000, 0x110000));
                case 8 -> text.append(DANGEROUS.charAt(random.nextInt(DANGEROUS.length())));
                default -> text.append((char) random.nextInt(0xD800, 0xE000));
            }
        }
        return text.toString();
    }
}
