package io.heapstream.aggregator;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.heapstream.model.Topics;
import io.heapstream.model.rollup.Rollup;
import io.heapstream.model.rollup.RollupKey;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** docs/schemas/rollup-key.schema.json and rollup.schema.json describe every record the topology emits. */
class RollupSchemaTest {
    private static final String BASE = "https://heapstream.io/schemas/";
    private static Schema keySchema;
    private static Schema valueSchema;

    @BeforeAll
    static void load() throws Exception {
        var key = Files.readString(Path.of("..", "docs", "schemas", "rollup-key.schema.json"));
        var value = Files.readString(Path.of("..", "docs", "schemas", "rollup.schema.json"));
        var registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
                builder -> builder.schemas(Map.of(BASE + "rollup-key.schema.json", key,
                        BASE + "rollup.schema.json", value)));
        keySchema = registry.getSchema(key, InputFormat.JSON);
        valueSchema = registry.getSchema(value, InputFormat.JSON);
    }

    private static List<String> errors(Schema schema, byte[] json) {
        return schema.validate(new String(json, StandardCharsets.UTF_8), InputFormat.JSON).stream()
                .map(e -> e.getInstanceLocation() + ": " + e.getMessage()).toList();
    }

    @Test
    void everyEmittedKeyAndValueMatchesItsSchema() {
        var arrivals = new ArrayList<io.heapstream.model.raw.RawScrape>();
        for (int step = 0; step < 6; step++) {   // first: a capture has system containers and volumes
            arrivals.add(FixtureReplay.scrape("nri-kubernetes/k8s-1_31/stats-summary.json", "fx",
                    Scrapes.at("00:00:00").plusSeconds(15L * step), step));
        }
        arrivals.addAll(new RandomFleet(11).arrivals(30));
        var settings = RollupSettings.of(Duration.ofMinutes(1), Duration.ofSeconds(30),
                List.of(Duration.ofMinutes(5)), 1);
        try (var harness = new TopologyHarness(settings)) {
            harness.pipeAll(arrivals);
            harness.goQuiet();
            var rollups = harness.rollups();
            assertThat(rollups).extracting(r -> r.key().level()).containsAll(List.of(
                    io.heapstream.model.rollup.Level.values()));
            for (Rollup r : rollups) {
                assertThat(errors(keySchema, Topics.ROLLUP_KEY.serializer().serialize("t", r.key())))
                        .as("key of %s", r.key()).isEmpty();
                assertThat(errors(valueSchema, Topics.ROLLUP.serializer().serialize("t", r)))
                        .as("value of %s", r.key()).isEmpty();
            }
        }
    }

    @Test
    void schemasRejectAKeyWithTagsItsLevelHasNotAndAValueWithoutMetrics() {
        var badKey = new RollupKey(io.heapstream.model.rollup.Level.NAMESPACE, "c1", "ns", null, "pod-1", null, null);
        assertThat(errors(keySchema, Topics.ROLLUP_KEY.serializer().serialize("t", badKey))).isNotEmpty();
        var good = RollupKey.namespace("c1", "ns");
        assertThat(errors(keySchema, Topics.ROLLUP_KEY.serializer().serialize("t", good))).isEmpty();
        var json = "{\"schemaVersion\":1,\"key\":{\"level\":\"namespace\",\"cluster\":\"c1\",\"namespace\":\"ns\"},"
                + "\"resolution\":\"PT1M\",\"windowStart\":\"2026-01-01T00:00:00Z\","
                + "\"windowEnd\":\"2026-01-01T00:01:00Z\",\"metrics\":[]}";
        assertThat(errors(valueSchema, json.getBytes(StandardCharsets.UTF_8))).isNotEmpty();
    }
}
