package io.heapstream.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.heapstream.testkit.TestServices;
import io.heapstream.writer.InfluxSetup;
import io.heapstream.writer.WriterConfig;
import io.heapstream.writer.schema.InfluxSchema;
import io.heapstream.writer.schema.RetentionPolicy;
import java.util.HashMap;
import java.util.List;
import org.influxdb.InfluxDBFactory;
import org.influxdb.dto.Query;
import org.influxdb.dto.QueryResult;
import org.junit.jupiter.api.Test;

/**
 * The bundled InfluxDB's first-start statements (influxdb/init/heapstream.iql), sent as the image's init sends
 * them (one request, the whole file) to a real InfluxDB 1.x, create the policies the writer's settings name, with
 * their durations and the finest as the default: what the write-only writer then relies on.
 */
class InfluxInitIT {

    @Test
    void firstStartStatementsCreateThePoliciesTheWriterExpectsOnARealInfluxDb() {
        Rendered rendered = Rendered.overlay("single-cluster");
        InfluxSchema schema = WriterConfig.fromMap(rendered.get(ConfigMap.class, "heapstream-writer").getData())
                .influxSchema();
        String iql = rendered.get(ConfigMap.class, "heapstream-influxdb-init").getData().get("heapstream.iql");
        String database = TestServices.unique("influx_init");

        try (var influx = InfluxDBFactory.connect(TestServices.influxUrl())) {
            check(influx.query(new Query("CREATE DATABASE \"" + database + "\"")));
            check(influx.query(new Query(iql.replace("\"" + schema.database() + "\"", "\"" + database + "\""))));

            var policies = new HashMap<String, List<Object>>();
            QueryResult shown = check(influx.query(new Query("SHOW RETENTION POLICIES ON \"" + database + "\"")));
            shown.getResults().get(0).getSeries().get(0).getValues()
                    .forEach(row -> policies.put(String.valueOf(row.get(0)), row));
            for (RetentionPolicy policy : schema.retentionPolicies()) {
                List<Object> row = policies.get(policy.name());
                assertThat(row).as(policy.name()).isNotNull();
                assertThat(row.get(1)).as(policy.name() + " duration")
                        .isEqualTo(InfluxSetup.goDuration(policy.duration()));
                assertThat(row.get(4)).as(policy.name() + " default").isEqualTo(policy.isDefault());
            }
        }
    }

    private static QueryResult check(QueryResult result) {
        assertThat(result.getError()).isNull();
        result.getResults().forEach(r -> assertThat(r.getError()).isNull());
        return result;
    }
}
