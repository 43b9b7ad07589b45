package io.heapstream.alerter.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.heapstream.alerter.AlerterService;
import io.heapstream.alerter.delivery.InfluxTarget;
import io.heapstream.model.Json;
import io.heapstream.testkit.TestServices;
import io.heapstream.writer.influx.InfluxClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.influxdb.dto.QueryResult;
import org.junit.jupiter.api.Test;

/**
 * A pod grows past 90 % of its memory limit and shrinks again, with {@code --influx-alerts}: a real InfluxDB gets
 * the firing and the resolved event as points of the {@code alerts} measurement, and the provisioned cluster
 * dashboard's annotation query (deploy/grafana/dashboards/cluster.json, with its variables substituted as Grafana
 * would) returns them with the columns the annotation shows.
 */
class AlertsInInfluxIT {
    private static final Path CLUSTER_DASHBOARD = Path.of("..", "deploy", "grafana", "dashboards", "cluster.json");

    @Test
    void firingAndResolvedEventsAreInInfluxAndTheDashboardsAnnotationQueryReturnsThem() throws Exception {
        var database = TestServices.unique("alerts");
        try (var fixture = new AlerterFixture();
             var influx = InfluxClient.connect(TestServices.influxUrl(), null, null, database, Duration.ofSeconds(10),
                     false)) {
            influx.query("CREATE DATABASE \"" + database + "\"");
            try {
                var registry = new SimpleMeterRegistry();
                try (var service = new AlerterService(fixture.config(new InfluxTarget(TestServices.influxUrl(),
                        database, null, null)), registry)) {
                    service.start();
                    fixture.memory(0, 950);   // pending
                    fixture.memory(1, 960);   // held 2 min: fires
                    fixture.memory(2, 500);   // shrinks: resolves

                    var query = annotationQuery(fixture.base.minus(Duration.ofHours(1)), Instant.now());
                    await().atMost(Duration.ofSeconds(90)).until(() -> rows(influx, query).size() >= 2);
                    var rows = rows(influx, query);
                    assertThat(rows).extracting(r -> r.get("status")).containsExactly("firing", "resolved");
                    assertThat(rows).extracting(r -> r.get("alertname")).containsOnly("PodMemoryNearLimit");
                    assertThat(rows).extracting(r -> r.get("severity")).containsOnly("warning");
                    assertThat(rows).extracting(r -> r.get("summary")).containsExactly(
                            "shop/web-1 uses 96.0% of its memory limit", "shop/web-1 uses 50.0% of its memory limit");
                    assertThat(rows.get(0).get("time")).isEqualTo(fixture.base.plus(Duration.ofMinutes(2)).toString());
                    assertThat(rows.get(1).get("time")).isEqualTo(fixture.base.plus(Duration.ofMinutes(3)).toString());

                    var other = rows(influx, query.replace("=~ /^c1$/", "=~ /^c2$/"));
                    assertThat(other).as("the annotation follows the $cluster variable").isEmpty();
                }
                assertThat(registry.get("heapstream.alerter.deliveries").tag("target", "influxdb")
                        .tag("outcome", "sent").counter().count()).isGreaterThanOrEqualTo(1);
            } finally {
                influx.query("DROP DATABASE \"" + database + "\"");
            }
        }
    }

    /** The cluster dashboard's "Alerts" annotation query for cluster c1 over [from, to], as Grafana sends it. */
    private static String annotationQuery(Instant from, Instant to) throws Exception {
        var dashboard = Json.mapper().readTree(Files.readString(CLUSTER_DASHBOARD));
        String query = null;
        for (var annotation : dashboard.get("annotations").get("list")) {
            if (annotation.get("name").asText().equals("Alerts")) {
                assertThat(annotation.get("datasource").get("uid").asText()).isEqualTo("heapstream-influxdb");
                assertThat(annotation.get("textColumn").asText()).isEqualTo("summary");
                query = annotation.get("query").asText();
            }
        }
        assertThat(query).as("an Alerts annotation in " + CLUSTER_DASHBOARD).isNotNull();
        return query.replace("$cluster", "c1").replace("$timeFilter", "time >= " + from.toEpochMilli()
                + "ms and time <= " + to.toEpochMilli() + "ms");
    }

    /** Each row of the query's result as column → value, in time order. */
    private static List<Map<String, Object>> rows(InfluxClient influx, String query) {
        QueryResult.Result result = influx.query(query).getResults().get(0);
        assertThat(result.getError()).as(query).isNull();
        var rows = new ArrayList<Map<String, Object>>();
        if (result.getSeries() != null) {
            for (var series : result.getSeries()) {
                for (var values : series.getValues()) {
                    var row = new LinkedHashMap<String, Object>();
                    for (int i = 0; i < values.size(); i++) {
                        row.put(series.getColumns().get(i), values.get(i));
                    }
                    rows.add(row);
                }
            }
        }
        return rows;
    }
}
