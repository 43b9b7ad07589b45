package io.heapstream.deploy.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import io.heapstream.aggregator.AggregatorMetersForDashboards;
import io.heapstream.collector.CollectorMetrics;
import io.heapstream.writer.WriterMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The health dashboard queries metrics by their Prometheus names; a meter renamed in a role must break this
 * test, not silently empty a panel. The roles' meters are registered on a Prometheus registry as the roles do
 * (the lazily registered ones by one call each) and the dashboard's names must be among what it exposes.
 */
class HealthDashboardMetricsTest {
    private static final Pattern METRIC = Pattern.compile("\\b((?:heapstream|jvm|kafka)_[a-z0-9_]+)");
    /**
     * Prefixes this test can register. Not checked: Kafka client meters (bound to live clients) and jvm_gc_pause
     * (registered on the first GC pause, asynchronously); docs/dashboards.md names where they come from.
     */
    private static final Set<String> CHECKED = Set.of("heapstream_collector_", "heapstream_aggregator_",
            "heapstream_writer_", "jvm_memory_");

    @Test
    void everyRoleAndJvmMetricTheHealthDashboardQueriesIsExposed() {
        Set<String> exposed = exposedNames();
        Set<String> queried = queriedNames();

        assertThat(queried).as("the dashboard queries every role's metrics")
                .anyMatch(n -> n.startsWith("heapstream_collector_"))
                .anyMatch(n -> n.startsWith("heapstream_aggregator_"))
                .anyMatch(n -> n.startsWith("heapstream_writer_"));
        for (String name : queried) {
            if (CHECKED.stream().anyMatch(name::startsWith)) {
                assertThat(exposed).as("metric " + name + " of the health dashboard").contains(name);
            }
        }
    }

    private static Set<String> queriedNames() {
        var health = Dashboards.all().stream().filter(d -> d.uid().equals("heapstream-health")).findFirst()
                .orElseThrow();
        var names = new TreeSet<String>();
        health.panels().forEach(p -> p.targets().forEach(t -> {
            var m = METRIC.matcher(t.text());
            while (m.find()) {
                names.add(m.group(1));
            }
        }));
        return names;
    }

    private static Set<String> exposedNames() {
        var registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(registry);
        var collector = new CollectorMetrics(registry);
        collector.scrapeTook(Duration.ofMillis(3));
        collector.scrapeFailed("timeout");
        collector.dropped(10);
        AggregatorMetersForDashboards.register(registry);
        new WriterMetrics(registry).batchLatency().record(Duration.ofMillis(5));
        var names = new TreeSet<String>();
        for (String line : registry.scrape().split("\n")) {
            if (!line.startsWith("#") && !line.isBlank()) {
                names.add(line.split("[{ ]", 2)[0]);
            }
        }
        return names;
    }
}
