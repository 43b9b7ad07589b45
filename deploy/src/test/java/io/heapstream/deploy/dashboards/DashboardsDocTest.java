package io.heapstream.deploy.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import io.heapstream.deploy.DeployPaths;
import io.heapstream.deploy.dashboards.Dashboards.Dashboard;
import java.io.IOException;
import java.nio.file.Files;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** docs/dashboards.md stands in for screenshots: it must quote every panel and query as the JSON has them. */
class DashboardsDocTest {

    static java.util.List<Dashboard> dashboards() {
        return Dashboards.all();
    }

    @ParameterizedTest
    @MethodSource("dashboards")
    void docsListEveryPanelWithItsExactQuery(Dashboard dashboard) throws IOException {
        String doc = Files.readString(DeployPaths.deployDir().resolveSibling("docs").resolve("dashboards.md"));

        assertThat(doc).contains("## " + dashboard.title() + " (`" + dashboard.file() + "`");
        dashboard.panels().forEach(panel -> {
            assertThat(doc).as(dashboard + " panel").contains("**" + panel.title() + "**");
            panel.targets().forEach(t -> assertThat(doc).as(dashboard + " / " + panel.title()).contains(t.text()));
        });
        dashboard.variables().stream().filter(v -> v.type().equals("query"))
                .forEach(v -> assertThat(doc).as(dashboard + " $" + v.name()).contains(v.query()));
    }
}
