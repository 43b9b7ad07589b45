package io.heapstream.api.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.heapstream.model.Json;
import io.heapstream.model.rollup.MetricStats;
import io.heapstream.model.rollup.Rollup;
import io.heapstream.model.rollup.RollupKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every endpoint of Heapster's model API against rollups whose answers are worked out by hand: a point per
 * one-minute window at its start, valued at the window's mean rounded to a whole number; 15 minutes kept.
 * The clock stands at 00:20.
 */
class ModelApiTest {
    private static final Clock CLOCK = Clock.fixed(at("00:20"), ZoneOffset.UTC);

    private ModelApi api;

    @BeforeEach
    void rollups() {
        var store = new ModelStore("c1", Duration.ofMinutes(15), CLOCK);
        apply(store, RollupKey.cluster("c1"), "00:17", stat("cpu/usage_rate", 1500.4), stat("memory/usage", 3e9));
        apply(store, RollupKey.cluster("c1"), "00:18", stat("cpu/usage_rate", 1700.6), stat("memory/usage", 3.1e9));
        apply(store, RollupKey.node("c1", "n1"), "00:00", stat("cpu/usage_rate", 999)); // pruned at 00:19 (- 15m)
        apply(store, RollupKey.node("c1", "n1"), "00:18", stat("cpu/usage_rate", 250.5), stat("memory/working_set", 1e9));
        apply(store, RollupKey.node("c1", "n1"), "00:19", stat("cpu/usage_rate", 300), stat("memory/working_set", 1e9));
        apply(store, RollupKey.node("c2", "n9"), "00:19", stat("cpu/usage_rate", 1)); // another cluster: ignored
        apply(store, RollupKey.sysContainer("c1", "n1", "kubelet"), "00:19", stat("cpu/usage_rate", 20));
        apply(store, RollupKey.namespace("c1", "web"), "00:19", stat("memory/usage", 2048));
        apply(store, RollupKey.pod("c1", "web", "api-0", "n1", "Deployment/api"), "00:19", stat("cpu/usage_rate", 100),
                stat("memory/working_set", 1024), new MetricStats("filesystem/usage", "Volume:data", 2, 4096.4, 4000,
                        4200, 4200), new MetricStats("filesystem/usage", "Volume:logs", 2, 10, 10, 10, 10));
        apply(store, RollupKey.pod("c1", "web", "api-1", "n1", "Deployment/api"), "00:19", stat("cpu/usage_rate", 50));
        apply(store, RollupKey.pod("c1", "web", "old", "n1", null), "00:01", stat("cpu/usage_rate", 7)); // expired
        apply(store, RollupKey.container("c1", "web", "api-0", "app", "n1", "Deployment/api"), "00:19",
                stat("cpu/usage_rate", 90), new MetricStats("filesystem/usage", "/", 1, 5, 5, 5, 5));
        api = new ModelApi(store, CLOCK);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            /metrics/                                            | ["cpu/usage_rate","memory/usage"]
            /metrics/cpu/usage_rate                              | {"metrics":[{"timestamp":"2026-01-01T00:17:00Z","value":1500},{"timestamp":"2026-01-01T00:18:00Z","value":1701}],"latestTimestamp":"2026-01-01T00:18:00Z"}
            /nodes/                                              | ["n1"]
            /nodes/n1/metrics/                                   | ["cpu/usage_rate","memory/working_set"]
            /nodes/n1/metrics/cpu/usage_rate                     | {"metrics":[{"timestamp":"2026-01-01T00:18:00Z","value":251},{"timestamp":"2026-01-01T00:19:00Z","value":300}],"latestTimestamp":"2026-01-01T00:19:00Z"}
            /nodes/n1/metrics/memory/working_set                 | {"metrics":[{"timestamp":"2026-01-01T00:18:00Z","value":1000000000},{"timestamp":"2026-01-01T00:19:00Z","value":1000000000}],"latestTimestamp":"2026-01-01T00:19:00Z"}
            /nodes/n1/freecontainers/                            | ["kubelet"]
            /nodes/n1/freecontainers/kubelet/metrics/            | ["cpu/usage_rate"]
            /nodes/n1/freecontainers/kubelet/metrics/cpu-usage   | {"metrics":[{"timestamp":"2026-01-01T00:19:00Z","value":20}],"latestTimestamp":"2026-01-01T00:19:00Z"}
            /namespaces/                                         | ["web"]
            /namespaces/web/metrics/                             | ["memory/usage"]
            /namespaces/web/metrics/memory/usage                 | {"metrics":[{"timestamp":"2026-01-01T00:19:00Z","value":2048}],"latestTimestamp":"2026-01-01T00:19:00Z"}
            /namespaces/web/pods/                                | ["api-0","api-1"]
            /namespaces/web/pods/api-0/metrics/                  | ["cpu/usage_rate","memory/working_set"]
            /namespaces/web/pods/api-0/metrics/memory-working    | {"metrics":[{"timestamp":"2026-01-01T00:19:00Z","value":1024}],"latestTimestamp":"2026-01-01T00:19:00Z"}
            /namespaces/web/pods/api-0/containers/               | ["app"]
            /namespaces/web/pods/api-0/containers/app/metrics/   | ["cpu/usage_rate"]
            /namespaces/web/pods/api-0/containers/app/metrics/cpu/usage_rate | {"metrics":[{"timestamp":"2026-01-01T00:19:00Z","value":90}],"latestTimestamp":"2026-01-01T00:19:00Z"}
            /namespaces/web/pod-list/api-0,nope,api-1/metrics/cpu/usage_rate | {"items":[{"metrics":[{"timestamp":"2026-01-01T00:19:00Z","value":100}],"latestTimestamp":"2026-01-01T00:19:00Z"},{"metrics":[],"latestTimestamp":"0001-01-01T00:00:00Z"},{"metrics":[{"timestamp":"2026-01-01T00:19:00Z","value":50}],"latestTimestamp":"2026-01-01T00:19:00Z"}]}
            """)
    void everyEndpointAnswersHeapstersJson(String path, String expected) throws Exception {
        var answer = api.get(ModelApi.PREFIX + path, Map.of());

        assertThat(answer.status()).isEqualTo(200);
        assertThat(Json.mapper().writeValueAsString(answer.body())).isEqualTo(expected);
    }

    @Test
    void startAndEndSelectAnInclusiveRangeAndARangeBeyondWhatIsHeldGivesWhatIsHeld() {
        var from19 = api.get(ModelApi.PREFIX + "/nodes/n1/metrics/cpu/usage_rate", Map.of("start", "2026-01-01T00:19:00Z"));
        var until18 = api.get(ModelApi.PREFIX + "/nodes/n1/metrics/cpu/usage_rate", Map.of("end", "2026-01-01T00:18:00Z"));
        var wide = api.get(ModelApi.PREFIX + "/nodes/n1/metrics/cpu/usage_rate",
                Map.of("start", "2025-01-01T00:00:00+01:00", "end", "2027-01-01T00:00:00Z"));

        assertThat(tree(from19.body()).get("metrics")).hasSize(1);
        assertThat(tree(from19.body()).at("/metrics/0/value").asLong()).isEqualTo(300);
        assertThat(tree(until18.body()).get("metrics")).hasSize(1);
        assertThat(tree(until18.body()).at("/metrics/0/value").asLong()).isEqualTo(251);
        assertThat(tree(wide.body()).get("metrics")).hasSize(2);
        assertThat(tree(wide.body()).get("latestTimestamp").asText()).isEqualTo("2026-01-01T00:19:00Z");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            /nodes/n9/metrics/                          | no metrics for node "n9"
            /nodes/n1/metrics/cpu/nope                  | no metrics for metric "cpu/nope" of node "n1"
            /namespaces/web/pods/old/metrics/           | no metrics for pod "web/old"
            /namespaces/db/pods/                        | no metrics for namespace "db"
            /bogus                                      | 404: Page Not Found
            """)
    void unknownEntitiesMetricsAndPathsAreNotFound(String path, String text) {
        var answer = api.get(ModelApi.PREFIX + path, Map.of());

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.body()).isEqualTo(text);
    }

    @ParameterizedTest(name = "{0}?labels={1}")
    @CsvSource(delimiter = '|', textBlock = """
            /namespaces/web/pods/api-0/containers/app/metrics/filesystem/usage | resource_id:/           | {"metrics":[{"timestamp":"2026-01-01T00:19:00Z","value":5}],"latestTimestamp":"2026-01-01T00:19:00Z"}
            /namespaces/web/pods/api-0/metrics/filesystem/usage                | resource_id:Volume:data | {"metrics":[{"timestamp":"2026-01-01T00:19:00Z","value":4096}],"latestTimestamp":"2026-01-01T00:19:00Z"}
            /namespaces/web/pod-list/api-0,api-1/metrics/filesystem/usage      | resource_id:Volume:logs | {"items":[{"metrics":[{"timestamp":"2026-01-01T00:19:00Z","value":10}],"latestTimestamp":"2026-01-01T00:19:00Z"},{"metrics":[],"latestTimestamp":"0001-01-01T00:00:00Z"}]}
            /namespaces/web/pod-list/api-0/metrics/filesystem/usage            | resource_id:x,other:y   | {"items":[{"metrics":[],"latestTimestamp":"0001-01-01T00:00:00Z"}]}
            """)
    void labelsSelectALabeledMetricByItsWholeLabelSetAsHeapsterDid(String path, String labels, String expected)
            throws Exception {
        var answer = api.get(ModelApi.PREFIX + path, Map.of("labels", labels));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(Json.mapper().writeValueAsString(answer.body())).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}?labels={1}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            /namespaces/web/pods/api-0/metrics/filesystem/usage | -                                    | 404 | no metrics for metric "filesystem/usage" of pod "web/api-0"
            /namespaces/web/pods/api-0/metrics/filesystem/usage | resource_id:Volume:data,other:x      | 404 | no metrics for metric "filesystem/usage" with labels "resource_id:Volume:data,other:x" of pod "web/api-0"
            /namespaces/web/pods/api-0/metrics/cpu/usage_rate   | resource_id:/                        | 404 | no metrics for metric "cpu/usage_rate" with labels "resource_id:/" of pod "web/api-0"
            /namespaces/web/pods/api-0/metrics/filesystem/usage | resource_id                          | 400 | invalid label pair "resource_id"
            /namespaces/web/pod-list/api-0/metrics/cpu/usage_rate | resource_id:/,                     | 400 | invalid label pair ""
            """)
    void labeledMetricsAreReadOnlyWithTheirLabelsAndMalformedLabelsAreBadRequests(String path, String labels,
                                                                                  int status, String text) {
        var answer = api.get(ModelApi.PREFIX + path, labels == null ? Map.of() : Map.of("labels", labels));

        assertThat(answer.status()).isEqualTo(status);
        assertThat(answer.body()).isEqualTo(text);
    }

    @Test
    void aMalformedTimeIsABadRequest() {
        var answer = api.get(ModelApi.PREFIX + "/nodes/n1/metrics/cpu/usage_rate", Map.of("start", "yesterday"));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body()).isEqualTo("timestamp argument cannot be parsed: start=yesterday is not RFC 3339"
                + " (e.g. 2017-11-01T15:18:00Z)");
    }

    private static void apply(ModelStore store, RollupKey key, String minute, MetricStats... stats) {
        var start = at(minute);
        store.apply(key, new Rollup(1, key, Duration.ofMinutes(1), start, start.plusSeconds(60), List.of(stats),
                Map.of(), null));
    }

    private static MetricStats stat(String name, double avg) {
        return new MetricStats(name, null, 4, avg, avg, avg, avg);
    }

    private static Instant at(String minute) {
        return Instant.parse("2026-01-01T" + minute + ":00Z");
    }

    private static JsonNode tree(Object body) {
        try {
            return body instanceof String s ? Json.mapper().readTree(s) : Json.mapper().valueToTree(body);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
