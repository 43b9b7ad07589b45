package io.heapstream.deploy.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import io.heapstream.deploy.dashboards.Dashboards.Dashboard;
import io.heapstream.deploy.dashboards.Dashboards.Panel;
import io.heapstream.deploy.dashboards.Dashboards.Target;
import io.heapstream.deploy.dashboards.Dashboards.Variable;
import io.heapstream.testkit.TestServices;
import io.heapstream.writer.schema.NativeSchema;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.influxdb.InfluxDB;
import org.influxdb.InfluxDBFactory;
import org.influxdb.dto.BatchPoints;
import org.influxdb.dto.Query;
import org.influxdb.dto.QueryResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every query of every InfluxDB dashboard, with its variables substituted as Grafana would, runs against a real
 * InfluxDB holding a simulated fleet's rollups — made by the real aggregator topology and written through the
 * writer's native schema — and returns data. A field, tag, measurement or retention policy renamed on either
 * side breaks this test instead of emptying a panel.
 */
class DashboardQueriesIT {
    private static final Map<String, Duration> RESOLUTIONS = Map.of("rp_1m", Duration.ofMinutes(1),
            "rp_1h", Duration.ofHours(1));

    private static InfluxDB influx;
    private static String database;
    private static SimulatedFleet fleet;

    @BeforeAll
    static void writeSimulatedFleet() {
        // Recent enough that the 7-day rp_1m keeps it, on whole hours so that one 1 h window closes.
        fleet = SimulatedFleet.run(Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(3)));
        database = TestServices.unique("dashboards");
        influx = InfluxDBFactory.connect(TestServices.influxUrl());
        var schema = new NativeSchema(database, Map.of(Duration.ofMinutes(1), Duration.ofDays(7),
                Duration.ofHours(1), Duration.ofDays(400)));
        run("CREATE DATABASE \"" + database + "\"");
        schema.retentionPolicies().forEach(rp -> run("CREATE RETENTION POLICY \"" + rp.name() + "\" ON \""
                + database + "\" DURATION " + rp.influxQlDuration() + " REPLICATION 1" + (rp.isDefault() ? " DEFAULT" : "")));
        RESOLUTIONS.forEach((rp, resolution) -> assertThat(schema.retentionPolicy(resolution))
                .as("the dashboards' $rp values are the writer's retention policies").isEqualTo(rp));

        var batches = new LinkedHashMap<String, BatchPoints>();
        for (var rollup : fleet.rollups) {
            String rp = schema.retentionPolicy(rollup.resolution());
            schema.points(rollup).forEach(point -> batches.computeIfAbsent(rp, name ->
                    BatchPoints.database(database).retentionPolicy(name).build()).point(point));
        }
        batches.values().forEach(influx::write);
        assertThat(batches).containsOnlyKeys("rp_1m", "rp_1h");
    }

    @AfterAll
    static void dropDatabase() {
        if (influx != null) {
            run("DROP DATABASE \"" + database + "\"");
            influx.close();
        }
    }

    static Stream<Arguments> dashboardsResolutionsAndSelections() {
        var args = new ArrayList<Arguments>();
        for (Dashboard dashboard : Dashboards.influx()) {
            for (String rp : List.of("rp_1m", "rp_1h")) {
                args.add(Arguments.of(dashboard, rp, "first value of each variable"));
                args.add(Arguments.of(dashboard, rp, "All"));
            }
        }
        return args.stream();
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("dashboardsResolutionsAndSelections")
    void everyPanelQueryReturnsDataInEveryColumn(Dashboard dashboard, String rp, String mode) {
        Map<String, List<String>> selection = mode.equals("All") ? allSelection(dashboard, rp)
                : firstValueSelection(dashboard, rp);
        var interpolation = new GrafanaInterpolation(dashboard, selection, fleet.start,
                fleet.start.plus(SimulatedFleet.SPAN), RESOLUTIONS.get(rp));
        var soft = new SoftAssertions();
        for (Panel panel : dashboard.panels()) {
            for (Target target : panel.targets()) {
                String query = interpolation.apply(target.text());
                String what = dashboard + " / " + panel.title() + " [" + target.refId() + "] " + selection
                        + "\n    " + query;
                QueryResult.Result result = single(query);
                soft.assertThat(result.getError()).as(what).isNull();
                List<QueryResult.Series> series = result.getSeries() == null ? List.of() : result.getSeries();
                // Counts and names only in the messages: a failing panel's full result is thousands of values.
                soft.assertThat(series.size()).as(what + "\n  series returned").isPositive();
                List<String> empty = columns(series).stream()
                        .filter(column -> series.stream().noneMatch(s -> hasValue(s, column))).toList();
                soft.assertThat(empty).as(what + "\n  columns without a single value").isEmpty();
            }
        }
        soft.assertAll();
    }

    @Test
    void templateVariableQueriesOfferTheSimulatedValues() {
        var tags = fleet.tags;
        String cluster = tags.clusters.iterator().next();
        String namespace = tags.namespaces.get(cluster).iterator().next();
        String workload = tags.workloads.get(cluster + "/" + namespace).iterator().next();
        String pod = tags.pods.get(cluster + "/" + namespace + "/" + workload).iterator().next();
        Map<String, List<String>> one = Map.of("rp", List.of("rp_1m"), "cluster", List.of(cluster),
                "namespace", List.of(namespace), "workload", List.of(workload), "pod", List.of(pod));
        Map<String, Set<String>> expected = Map.of(
                "cluster", tags.clusters,
                "node", tags.nodes.get(cluster),
                "namespace", tags.namespaces.get(cluster),
                "workload", tags.workloads.get(cluster + "/" + namespace),
                "pod", tags.pods.get(cluster + "/" + namespace + "/" + workload),
                "container", tags.containers.get(cluster + "/" + namespace + "/" + pod));

        var soft = new SoftAssertions();
        for (Dashboard dashboard : Dashboards.influx()) {
            var interpolation = new GrafanaInterpolation(dashboard, one, fleet.start, fleet.start, Duration.ZERO);
            for (Variable variable : dashboard.variables()) {
                if (variable.type().equals("query")) {
                    soft.assertThat(values(interpolation.apply(variable.query())))
                            .as(dashboard + " $" + variable.name() + " with " + one)
                            .containsExactlyInAnyOrderElementsOf(expected.get(variable.name()));
                }
            }
        }
        soft.assertAll();
    }

    @Test
    void variablesSetToAllOfferEveryValueOfTheFleet() {
        var tags = fleet.tags;
        Map<String, Set<String>> expected = Map.of(
                "cluster", tags.clusters,
                "node", union(tags.nodes),
                "namespace", union(tags.namespaces),
                "workload", union(tags.workloads),
                "pod", union(tags.pods),
                "container", union(tags.containers));
        var soft = new SoftAssertions();
        for (Dashboard dashboard : Dashboards.influx()) {
            var interpolation = new GrafanaInterpolation(dashboard, allSelection(dashboard, "rp_1m"), fleet.start,
                    fleet.start, Duration.ZERO);
            for (Variable variable : dashboard.variables()) {
                if (variable.type().equals("query")) {
                    soft.assertThat(values(interpolation.apply(variable.query()))).as(dashboard + " $" + variable.name())
                            .containsExactlyInAnyOrderElementsOf(expected.get(variable.name()));
                }
            }
        }
        soft.assertAll();
    }

    /** Grafana's cascade: each variable offers what its query returns given the ones before it; take the first. */
    private static Map<String, List<String>> firstValueSelection(Dashboard dashboard, String rp) {
        var selection = new LinkedHashMap<String, List<String>>();
        selection.put("rp", List.of(rp));
        for (Variable variable : dashboard.variables()) {
            if (variable.type().equals("query")) {
                var interpolation = new GrafanaInterpolation(dashboard, selection, fleet.start, fleet.start,
                        Duration.ZERO);
                var offered = values(interpolation.apply(variable.query()));
                assertThat(offered).as(dashboard + " $" + variable.name() + " with " + selection).isNotEmpty();
                selection.put(variable.name(), List.of(offered.iterator().next()));
            }
        }
        return selection;
    }

    private static Map<String, List<String>> allSelection(Dashboard dashboard, String rp) {
        var selection = new LinkedHashMap<String, List<String>>();
        selection.put("rp", List.of(rp));
        dashboard.variables().stream().filter(v -> v.type().equals("query"))
                .forEach(v -> selection.put(v.name(), GrafanaInterpolation.ALL));
        return selection;
    }

    private static Set<String> values(String showTagValues) {
        QueryResult.Result result = single(showTagValues);
        assertThat(result.getError()).as(showTagValues).isNull();
        var values = new TreeSet<String>();
        if (result.getSeries() != null) {
            result.getSeries().forEach(s -> s.getValues().forEach(row -> values.add(String.valueOf(row.get(1)))));
        }
        return values;
    }

    private static List<String> columns(List<QueryResult.Series> series) {
        var columns = new TreeSet<String>();
        series.forEach(s -> s.getColumns().stream().filter(c -> !c.equals("time")).forEach(columns::add));
        return List.copyOf(columns);
    }

    private static boolean hasValue(QueryResult.Series series, String column) {
        int index = series.getColumns().indexOf(column);
        return index >= 0 && series.getValues().stream().anyMatch(row -> row.get(index) != null);
    }

    private static QueryResult.Result single(String query) {
        QueryResult result = influx.query(new Query(query, database));
        assertThat(result.getError()).as(query).isNull();
        return result.getResults().get(0);
    }

    private static void run(String statement) {
        single(statement);
    }

    private static Set<String> union(Map<String, Set<String>> byParent) {
        var all = new TreeSet<String>();
        byParent.values().forEach(all::addAll);
        return all;
    }
}
