package io.heapstream.writer;

import static io.heapstream.writer.ItRollups.START;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.heapstream.testkit.TestServices;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Writers join and leave one group while rollups arrive: every rebalance revokes partitions mid-stream, and
 * afterwards every point is in InfluxDB once and the group has committed every record.
 */
class RebalanceIT {
    private static final int PARTITIONS = 4;
    private static final int SERIES = 25;

    private final ItEnvironment world = ItEnvironment.shared(PARTITIONS);
    private WriterService first;
    private WriterService second;

    @AfterEach
    void tearDown() {
        world.close();
    }

    @Test
    void writersJoiningAndLeavingTheGroupLoseNothingAndDuplicateNothing() throws Exception {
        var overrides = new HashMap<String, String>(TestServices.quickSessionExpiry("kafka."));
        overrides.put("HEAPSTREAM_BATCH_SIZE", "20");
        var config = world.config("native", overrides);
        int minute = 0;
        world.produce(ItRollups.clusterMinutes("rb-", SERIES, START.plus(minute++, ChronoUnit.MINUTES), 1));
        first = world.start(config);
        await().atMost(Duration.ofSeconds(60)).until(() -> first.metrics().pointsWritten().count() >= SERIES);

        world.produce(ItRollups.clusterMinutes("rb-", SERIES, START.plus(minute++, ChronoUnit.MINUTES), 1));
        second = world.start(config);
        await().atMost(Duration.ofSeconds(60)).until(() -> first.metrics().revocations().count() >= 1);
        world.produce(ItRollups.clusterMinutes("rb-", SERIES, START.plus(minute++, ChronoUnit.MINUTES), 1));
        await().atMost(Duration.ofSeconds(60)).until(() -> second.metrics().pointsWritten().count() > 0);

        first.stop();
        world.produce(ItRollups.clusterMinutes("rb-", SERIES, START.plus(minute++, ChronoUnit.MINUTES), 1));

        long expected = (long) SERIES * minute;
        var end = world.endOffsets(PARTITIONS);
        await().atMost(Duration.ofSeconds(60)).until(() -> world.committed().entrySet().containsAll(end.entrySet()));
        assertThat(world.count("rp_1m", "cluster", "cpu_usage_rate_avg")).isEqualTo(expected);
        assertThat(first.metrics().pointsWritten().count() + second.metrics().pointsWritten().count())
                .isGreaterThanOrEqualTo(expected);
    }
}
