package io.heapstream.alerter.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.heapstream.model.MetricCatalogue;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/alerts.md lists every metric a condition may name and every default rule, as the error messages promise. */
class AlertsDocTest {
    @Test
    void alertsPageNamesEveryCatalogueMetricAndEveryDefaultRule() throws Exception {
        var page = Files.readString(Path.of("..", "docs", "alerts.md"));

        for (var metric : MetricCatalogue.all()) {
            assertThat(page).as("docs/alerts.md lists " + metric.name()).containsPattern(
                    "(^|[\\s,])" + java.util.regex.Pattern.quote(metric.name()) + "[\\s,.(]");
        }
        for (var rule : RuleFile.defaults()) {
            assertThat(page).as("docs/alerts.md lists " + rule.name()).contains("| " + rule.name() + " |");
        }
    }
}
