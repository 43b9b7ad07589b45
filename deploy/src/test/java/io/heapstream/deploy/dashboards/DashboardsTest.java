package io.heapstream.deploy.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import io.heapstream.deploy.dashboards.Dashboards.Dashboard;
import io.heapstream.deploy.dashboards.Dashboards.Panel;
import io.heapstream.deploy.dashboards.Dashboards.Target;
import io.heapstream.deploy.dashboards.Dashboards.Variable;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The dashboards' structure: what Grafana needs to show them and what the issue asks of them. */
class DashboardsTest {
    /** Which upstream variables each cascading variable's query must filter by. */
    private static final Map<String, List<String>> CASCADE = Map.of(
            "cluster", List.of(),
            "node", List.of("cluster"),
            "namespace", List.of("cluster"),
            "workload", List.of("cluster", "namespace"),
            "pod", List.of("cluster", "namespace", "workload"),
            "container", List.of("cluster", "namespace", "pod"));

    static List<Dashboard> dashboards() {
        return Dashboards.all();
    }

    static List<Dashboard> influxDashboards() {
        return Dashboards.influx();
    }

    @Test
    void theSixDashboardsExistWithUniqueUids() {
        assertThat(dashboards()).extracting(Dashboard::title).containsExactlyInAnyOrder(
                "Heapstream / Cluster", "Heapstream / Nodes", "Heapstream / Namespaces", "Heapstream / Workloads",
                "Heapstream / Pods and containers", "Heapstream / Health");
        assertThat(dashboards()).extracting(Dashboard::uid).doesNotHaveDuplicates().allMatch(u -> !u.isBlank());
    }

    @ParameterizedTest
    @MethodSource("dashboards")
    void everyPanelHasAUnitAndAtLeastOneQuery(Dashboard dashboard) {
        assertThat(dashboard.panels()).isNotEmpty().allSatisfy(panel -> {
            assertThat(panel.unit()).as(dashboard + " / " + panel.title() + " unit").isNotBlank();
            assertThat(panel.targets()).as(dashboard + " / " + panel.title()).isNotEmpty()
                    .allSatisfy(t -> assertThat(t.text()).isNotBlank());
        });
    }

    @ParameterizedTest
    @MethodSource("influxDashboards")
    void everyInfluxQueryIsRawInfluxQlOnTheProvisionedDatasourceAndReadsTheChosenResolution(Dashboard dashboard) {
        for (Panel panel : dashboard.panels()) {
            for (Target target : panel.targets()) {
                String what = dashboard + " / " + panel.title();
                assertThat(target.datasourceUid()).as(what).isEqualTo(Dashboards.INFLUX_UID);
                assertThat(target.text()).as(what).contains("FROM \"$rp\".").contains("$timeFilter");
            }
        }
    }

    @ParameterizedTest
    @MethodSource("influxDashboards")
    void resolutionVariablePicksTheOneMinuteOrTheOneHourRetentionPolicy(Dashboard dashboard) {
        Variable rp = dashboard.variable("rp");

        assertThat(rp.type()).isEqualTo("custom");
        assertThat(rp.optionValues()).containsExactly("rp_1m", "rp_1h");
        assertThat(rp.regexFormatted()).as("a retention policy name is used as it is").isFalse();
    }

    @ParameterizedTest
    @MethodSource("influxDashboards")
    void templateVariablesCascadeFromClusterDown(Dashboard dashboard) {
        var names = dashboard.variables().stream().map(Variable::name).toList();
        for (Variable variable : dashboard.variables()) {
            if (!variable.type().equals("query")) {
                continue;
            }
            List<String> parents = CASCADE.get(variable.name());
            assertThat(parents).as(dashboard + " $" + variable.name() + " is a known level").isNotNull();
            assertThat(variable.query()).as(dashboard + " $" + variable.name())
                    .startsWith("SHOW TAG VALUES FROM \"" + variable.name() + "\" WITH KEY = \"" + variable.name() + "\"");
            for (String parent : parents) {
                assertThat(variable.query()).as(dashboard + " $" + variable.name() + " filtered by $" + parent)
                        .contains("\"" + parent + "\" =~ /^$" + parent + "$/");
                // Grafana resolves variables in order: a parent must come first.
                assertThat(names.indexOf(parent)).as(dashboard + " $" + parent + " before $" + variable.name())
                        .isBetween(0, names.indexOf(variable.name()) - 1);
            }
            assertThat(variable.regexFormatted()).as(dashboard + " $" + variable.name()
                    + ": values such as Deployment/web must be regex-escaped").isTrue();
            assertThat(variable.allValue()).as(dashboard + " $" + variable.name()).isEqualTo(".*");
            assertThat(variable.datasourceUid()).isEqualTo(Dashboards.INFLUX_UID);
        }
    }

    @ParameterizedTest
    @MethodSource("dashboards")
    void everyVariableAQueryUsesIsDefinedInItsDashboard(Dashboard dashboard) {
        var defined = dashboard.variables().stream().map(Variable::name).toList();
        dashboard.panels().forEach(panel -> panel.targets().forEach(target ->
                assertThat(defined).as(dashboard + " / " + panel.title())
                        .containsAll(GrafanaInterpolation.referencedVariables(target.text()))));
        dashboard.variables().forEach(variable -> assertThat(defined)
                .containsAll(GrafanaInterpolation.referencedVariables(variable.query())));
    }

    @ParameterizedTest
    @MethodSource("influxDashboards")
    void cpuAndMemoryUsageAreDrawnAgainstRequestsAndLimits(Dashboard dashboard) {
        if (dashboard.uid().equals("heapstream-nodes")) {
            // Nodes draw usage against allocatable and capacity, and their pods' requests and limits too.
            assertAgainst(dashboard, "cpu_usage_rate_avg", "cpu_node_allocatable_avg");
            assertAgainst(dashboard, "memory_working_set_avg", "memory_node_allocatable_avg");
        }
        assertAgainst(dashboard, "cpu_usage_rate_avg", "cpu_request_avg", "cpu_limit_avg");
        assertAgainst(dashboard, "memory_working_set_avg", "memory_request_avg", "memory_limit_avg");
    }

    @Test
    void influxDashboardsAndTheHealthDashboardUseTheirOwnDatasources() {
        Dashboard health = dashboards().stream().filter(d -> d.uid().equals("heapstream-health")).findFirst()
                .orElseThrow();
        Variable datasource = health.variable("datasource");

        assertThat(datasource.type()).isEqualTo("datasource");
        assertThat(datasource.query()).isEqualTo("prometheus");
        assertThat(health.panels()).flatExtracting(Panel::targets).allSatisfy(t -> {
            assertThat(t.datasourceType()).isEqualTo("prometheus");
            assertThat(t.datasourceUid()).isEqualTo("${datasource}");
        });
    }

    private static void assertAgainst(Dashboard dashboard, String usage, String... against) {
        assertThat(dashboard.panels()).as(dashboard + ": a panel with " + usage + " and " + List.of(against))
                .anySatisfy(panel -> assertThat(panel.targets()).anySatisfy(t -> {
                    assertThat(t.text()).contains("\"" + usage + "\"");
                    for (String field : against) {
                        assertThat(t.text()).contains("\"" + field + "\"");
                    }
                }));
    }
}
