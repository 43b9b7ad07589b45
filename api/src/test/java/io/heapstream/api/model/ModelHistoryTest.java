package io.heapstream.api.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.heapstream.model.Json;
import io.heapstream.model.rollup.MetricStats;
import io.heapstream.model.rollup.Rollup;
import io.heapstream.model.rollup.RollupKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The model API over the store and a history (InfluxDB's part, faked here; InfluxHistoryIT reads a real one). The
 * clock stands at 00:20 and 15 minutes are held, so the history answers for what is older than 00:05. The store
 * still has node n1's 00:04 (pruning keeps 15 minutes before its latest point); the history's 00:04 has another
 * value so that the answer shows which one was taken.
 */
class ModelHistoryTest {
    private static final Clock CLOCK = Clock.fixed(at("00:20"), ZoneOffset.UTC);
    private static final String N1 = "/api/v1/model/nodes/n1/metrics/cpu/usage_rate";

    private final List<String> asked = new ArrayList<>();
    private boolean down;
    private ModelApi api;

    @BeforeEach
    void storeAndHistory() {
        var store = new ModelStore("c1", Duration.ofMinutes(15), CLOCK);
        apply(store, RollupKey.node("c1", "n1"), "00:04", 40);
        apply(store, RollupKey.node("c1", "n1"), "00:18", 180);
        apply(store, RollupKey.node("c1", "n1"), "00:19", 190);
        History history = (entity, metric, start, end) -> {
            asked.add(entity.level().id() + " " + metric + " " + Instant.ofEpochMilli(start) + ".."
                    + Instant.ofEpochMilli(end));
            if (down) {
                throw new History.Unavailable("InfluxDB http://127.0.0.1:1 database heapstream could not be read:"
                        + " connection refused", null);
            }
            var points = new ArrayList<long[]>();
            if ("long".equals(entity.pod())) { // a week and a minute of windows before 00:05
                for (int i = History.MAX_POINTS + 1; i >= 1; i--) {
                    points.add(new long[] {at("00:05").toEpochMilli() - i * 60_000L, i});
                }
            }
            if (entity.node() != null && entity.node().equals("n1") || "gone".equals(entity.pod())) {
                points.add(new long[] {at("00:03").toEpochMilli(), 30});
                points.add(new long[] {at("00:04").toEpochMilli(), 41});
            }
            return points;
        };
        api = new ModelApi(store, CLOCK, history);
    }

    @Test
    void aRangeOverBothIsTheHistoryBeforeWhatIsHeldThenTheHeldPointsEachWindowOnce() throws Exception {
        var answer = api.get(N1, Map.of("start", "2026-01-01T00:00:00Z"));

        assertThat(Json.mapper().writeValueAsString(answer.body())).isEqualTo("{\"metrics\":["
                + "{\"timestamp\":\"2026-01-01T00:03:00Z\",\"value\":30},{\"timestamp\":\"2026-01-01T00:04:00Z\",\"value\":41},"
                + "{\"timestamp\":\"2026-01-01T00:18:00Z\",\"value\":180},{\"timestamp\":\"2026-01-01T00:19:00Z\",\"value\":190}],"
                + "\"latestTimestamp\":\"2026-01-01T00:19:00Z\"}");
        assertThat(asked).containsExactly("node cpu/usage_rate 2026-01-01T00:00:00Z..2026-01-01T00:04:59.999Z");
        assertThat(answer.warning()).isNull();
    }

    @Test
    void withoutStartOrWithinWhatIsHeldTheHistoryIsNotAsked() {
        var plain = api.get(N1, Map.of());
        var recent = api.get(N1, Map.of("start", "2026-01-01T00:05:00Z"));

        assertThat(tree(plain.body()).get("metrics")).hasSize(3);
        assertThat(tree(recent.body()).get("metrics")).hasSize(2);
        assertThat(asked).isEmpty();
    }

    @Test
    void anEntityOnlyTheHistoryHasIsAnsweredFromIt() {
        var answer = api.get("/api/v1/model/namespaces/web/pods/gone/metrics/cpu/usage_rate",
                Map.of("start", "2026-01-01T00:00:00Z"));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(tree(answer.body()).get("latestTimestamp").asText()).isEqualTo("2026-01-01T00:04:00Z");
        assertThat(asked).containsExactly("pod cpu/usage_rate 2026-01-01T00:00:00Z..2026-01-01T00:04:59.999Z");
    }

    @Test
    void anUnreadableHistoryLeavesTheHeldPartAndAWarningAndAnEntityNowhereElseIsUnavailable() {
        down = true;

        var held = api.get(N1, Map.of("start", "2026-01-01T00:00:00Z"));
        var nowhere = api.get("/api/v1/model/namespaces/web/pods/gone/metrics/cpu/usage_rate",
                Map.of("start", "2026-01-01T00:00:00Z"));

        assertThat(held.status()).isEqualTo(200);
        assertThat(tree(held.body()).get("metrics")).hasSize(3); // all that is held: 00:04, 00:18, 00:19
        assertThat(held.warning()).isEqualTo("InfluxDB http://127.0.0.1:1 database heapstream could not be read:"
                + " connection refused; answering with the last 15m from the rollup topic only");
        assertThat(nowhere.status()).isEqualTo(503);
        assertThat(nowhere.body()).isEqualTo(held.warning());
    }

    @Test
    void aRangeBeyondWhatOneAnswerTakesIsItsNewestWindowsAndAWarning() {
        var answer = api.get("/api/v1/model/namespaces/web/pods/long/metrics/cpu/usage_rate",
                Map.of("start", "2025-01-01T00:00:00Z"));

        var metrics = tree(answer.body()).get("metrics");
        assertThat(answer.status()).isEqualTo(200);
        assertThat(metrics).hasSize(History.MAX_POINTS);
        assertThat(metrics.get(0).get("value").asLong()).isEqualTo(History.MAX_POINTS); // 00:05 - 10,080 min
        assertThat(answer.warning()).isEqualTo("the range holds more than 10080 windows in InfluxDB: the oldest are"
                + " left out; ask with a later start");
    }

    private static void apply(ModelStore store, RollupKey key, String minute, double value) {
        var start = at(minute);
        store.apply(key, new Rollup(1, key, Duration.ofMinutes(1), start, start.plusSeconds(60),
                List.of(new MetricStats("cpu/usage_rate", null, 4, value, value, value, value)), Map.of(), null));
    }

    private static Instant at(String minute) {
        return Instant.parse("2026-01-01T" + minute + ":00Z");
    }

    private static com.fasterxml.jackson.databind.JsonNode tree(Object body) {
        return Json.mapper().valueToTree(body);
    }
}
