package io.heapstream.api.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.heapstream.api.ApiConfig;
import io.heapstream.model.rollup.RollupKey;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The InfluxQL the model API sends: the native schema's measurement, policy, tags and field, values escaped. */
class InfluxHistoryTest {
    private static final ApiConfig.Influx INFLUX = new ApiConfig.Influx("http://127.0.0.1:1", "heapstream", "rp_1m",
            null, null, Duration.ofSeconds(1));

    @Test
    void aPodIsReadByNamespaceAndNameInItsClusterFromItsLevelsMeasurement() {
        try (var history = new InfluxHistory(INFLUX, "prod")) {
            assertThat(history.query(ModelStore.entity(RollupKey.pod("prod", "web", "api-0", "n1", "Deployment/api")),
                    "cpu/usage_rate", 0, 60_000)).isEqualTo("SELECT \"cpu_usage_rate_avg\" FROM \"rp_1m\".\"pod\""
                    + " WHERE time >= 0ms AND time <= 60000ms AND \"cluster\" = 'prod' AND \"namespace\" = 'web'"
                    + " AND \"pod\" = 'api-0' ORDER BY time DESC LIMIT 10081");
        }
    }

    @Test
    void aLabeledMetricIsReadByItsResourceAndQuotesInValuesAreEscaped() {
        try (var history = new InfluxHistory(INFLUX, null)) {
            assertThat(history.query(ModelStore.entity(RollupKey.sysContainer("prod", "n'1", "kubelet")),
                    ModelStore.metricId("filesystem/usage", java.util.Map.of("resource_id", "/")), 0, 1))
                    .isEqualTo("SELECT \"filesystem_usage_avg\" FROM \"rp_1m\".\"sys_container\" WHERE time >= 0ms"
                            + " AND time <= 1ms AND \"node\" = 'n\\'1' AND \"container\" = 'kubelet'"
                            + " AND \"resource_id\" = '/' ORDER BY time DESC LIMIT 10081");
        }
    }
}
