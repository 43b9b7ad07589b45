package io.heapstream.alerter.stream;

import static io.heapstream.alerter.stream.AlertHarness.gauge;
import static io.heapstream.alerter.stream.AlertHarness.minute;
import static io.heapstream.alerter.stream.AlertHarness.stats;
import static org.assertj.core.api.Assertions.assertThat;

import io.heapstream.model.alert.AlertEvent;
import io.heapstream.model.alert.AlertEvent.Status;
import io.heapstream.model.rollup.RollupKey;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Filesystem rules fire per resource_id; increase() sees a restart between windows; garbage is skipped. */
class PerResourceAndIncreaseTopologyTest {
    private static final RollupKey NODE = RollupKey.node("c1", "n1");
    private static final String RESTARTS = """
            rules:
              - alert: ContainerRestarting
                level: container
                condition: increase(restart_count) > 0
            """;
    private static final RollupKey CONTAINER = RollupKey.container("c1", "shop", "web-1", "app", "n1", null);

    @Test
    void filesystemRuleFiresOnlyForTheFullResource() {
        var rules = """
                rules:
                  - alert: NodeFilesystemFull
                    level: node
                    condition: filesystem/available.min / filesystem/limit.last < 0.1
                    annotations: {summary: "{{node}} {{resource_id}} {{value_percent}} free"}
                """;
        try (var h = new AlertHarness(rules)) {
            h.window(NODE, 0, gauge("filesystem/available", "nodefs", 50), gauge("filesystem/limit", "nodefs", 1000),
                    gauge("filesystem/available", "imagefs", 500), gauge("filesystem/limit", "imagefs", 1000));

            var events = h.events();
            assertThat(events).extracting(AlertEvent::status).containsExactly(Status.FIRING);
            assertThat(events.get(0).labels()).containsEntry("resource_id", "nodefs").containsEntry("node", "n1");
            assertThat(events.get(0).annotations()).containsEntry("summary", "n1 nodefs 5.0% free");
            assertThat(events.get(0).startsAt()).isEqualTo(minute(1));
        }
    }

    @Test
    void increaseSeesARestartBetweenWindows() {
        try (var h = new AlertHarness(RESTARTS)) {
            h.window(CONTAINER, 0, stats("restart_count", 3, 3, 3));   // first window: max - min = 0
            h.window(CONTAINER, 1, stats("restart_count", 4, 4, 4));   // 4 - 3: restarted between windows
            h.window(CONTAINER, 2, stats("restart_count", 4, 4, 4));   // no increase: resolves

            assertThat(h.events()).extracting(AlertEvent::status, AlertEvent::value)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(Status.FIRING, 1.0),
                            org.assertj.core.groups.Tuple.tuple(Status.RESOLVED, 0.0));
        }
    }

    @Test
    void increaseForgetsASeriesSilentLongerThanTheRetention() {
        try (var h = new AlertHarness(RESTARTS)) {
            h.window(CONTAINER, 0, stats("restart_count", 3, 3, 3));
            h.window(CONTAINER, 180, stats("restart_count", 4, 4, 4));   // 3 h later: nothing remembered, 4 - 4

            assertThat(h.events()).isEmpty();
        }
    }

    @Test
    void unreadableRollupIsSkippedAndEvaluationGoesOn() {
        var rules = """
                rules:
                  - alert: NodeCpuBusy
                    level: node
                    condition: cpu/node_utilization.avg > 0.9
                """;
        try (var h = new AlertHarness(rules)) {
            h.rawRollups.pipeInput("not a key", "{not json".getBytes(StandardCharsets.UTF_8));
            h.window(NODE, 0, gauge("cpu/node_utilization", 0.95));

            assertThat(h.events()).extracting(AlertEvent::status).containsExactly(Status.FIRING);
        }
    }
}
