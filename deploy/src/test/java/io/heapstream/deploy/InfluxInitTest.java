package io.heapstream.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.heapstream.writer.WriterConfig;
import io.heapstream.writer.schema.InfluxSchema;
import io.heapstream.writer.schema.RetentionPolicy;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The writer's user may only write, so the bundled InfluxDB creates the retention policies on first start; they
 * must be the ones the writer's own settings (its ConfigMap) name, with the durations they say.
 */
class InfluxInitTest {

    @ParameterizedTest
    @ValueSource(strings = {"single-cluster", "multi-cluster/central", "apiserver-proxy"})
    void firstStartCreatesExactlyThePoliciesTheWritersSettingsName(String overlay) {
        Rendered rendered = Rendered.overlay(overlay);
        var settings = rendered.get(ConfigMap.class, "heapstream-writer").getData();
        InfluxSchema schema = WriterConfig.fromMap(settings).influxSchema();
        String iql = rendered.get(ConfigMap.class, "heapstream-influxdb-init").getData().get("heapstream.iql");
        var influx = Rendered.container(rendered.podTemplates().get("heapstream-influxdb"), "influxdb");

        List<String> statements = Arrays.stream(iql.split(";")).map(String::strip).filter(s -> !s.isEmpty()).toList();
        List<String> expected = schema.retentionPolicies().stream().map(policy -> statement(schema, policy)).toList();

        assertThat(statements).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(Rendered.envValue(influx, "INFLUXDB_DB")).isEqualTo(schema.database());
    }

    private static String statement(InfluxSchema schema, RetentionPolicy policy) {
        return "CREATE RETENTION POLICY \"" + policy.name() + "\" ON \"" + schema.database() + "\" DURATION "
                + policy.influxQlDuration() + " REPLICATION 1" + (policy.isDefault() ? " DEFAULT" : "");
    }
}
