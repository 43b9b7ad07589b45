package io.heapstream.alerter.stream;

import static io.heapstream.alerter.stream.AlertHarness.gauge;
import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.InputFormat;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.heapstream.model.Topics;
import io.heapstream.model.rollup.RollupKey;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** docs/schemas/alert-event.schema.json describes the firing, resolved and absence events the topology writes. */
class AlertEventSchemaTest {
    @Test
    void everyEventMatchesTheSchema() throws Exception {
        var text = Files.readString(Path.of("..", "docs", "schemas", "alert-event.schema.json"));
        var schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(text,
                InputFormat.JSON);
        var rules = """
                rules:
                  - alert: NodeCpuBusy
                    level: node
                    condition: cpu/node_utilization.avg > 0.9
                    annotations: {summary: "{{node}} at {{value_percent}}"}
                  - alert: NodeSilent
                    level: node
                    absent_for: 5m
                """;
        try (var h = new AlertHarness(rules)) {
            var node = RollupKey.node("c1", "n1");
            h.window(node, 0, gauge("cpu/node_utilization", 0.95));   // fires
            h.window(node, 1, gauge("cpu/node_utilization", 0.10));   // resolves
            h.advanceWallClock(Duration.ofMinutes(6));                 // absence fires
            h.window(node, 8, gauge("cpu/node_utilization", 0.10));   // absence resolves

            var events = h.events();
            assertThat(events).hasSize(4);
            for (var event : events) {
                var json = new String(Topics.ALERT_EVENT.serializer().serialize("alerts", event), StandardCharsets.UTF_8);
                assertThat(schema.validate(json, InputFormat.JSON)).as(json).isEmpty();
                assertThat(Topics.ALERT_EVENT.deserializer().deserialize("alerts", json.getBytes(StandardCharsets.UTF_8)))
                        .isEqualTo(event);
            }
        }
    }
}
