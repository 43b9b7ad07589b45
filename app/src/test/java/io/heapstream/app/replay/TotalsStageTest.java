package io.heapstream.app.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.heapstream.aggregator.RollupSettings;
import io.heapstream.aggregator.sample.MetricValues;
import io.heapstream.aggregator.total.TotalKey;
import io.heapstream.aggregator.total.TotalsMessage;
import io.heapstream.model.rollup.Rollup;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * A raw partition aggregated twice (it moved to another process half-way, or a rerun after an interrupt) sends its
 * contributions twice: the totals stage counts each once. Windows of 10 s, grace 0, two raw partitions.
 */
class TotalsStageTest {
    private static final RollupSettings SETTINGS = RollupSettings.of(Duration.ofSeconds(10), Duration.ZERO,
            List.of(), 2);
    private static final String CLUSTER = TotalKey.cluster("c1");

    private final TotalsStage stage = new TotalsStage(SETTINGS, 0);
    private final List<Rollup> out = new ArrayList<>();

    @Test
    void aContributionSentTwiceCountsOnce() {
        contribute(0, 100);
        contribute(0, 100);   // partition 0 started over elsewhere: the same contribution again
        contribute(1, 50);

        watermark(0, 10_000);
        watermark(1, 10_000);   // both partitions past [0, 10 s): it closes

        assertThat(out).singleElement().satisfies(r -> assertThat(r.metric("cpu/usage_rate").max()).isEqualTo(150));
    }

    @Test
    void aContributionToAClosedWindowIsACopyAndDropped() {
        contribute(0, 100);
        contribute(1, 50);
        watermark(0, 10_000);
        watermark(1, 10_000);
        out.clear();

        contribute(1, 50);      // partition 1 redone from the start after its window closed
        watermark(1, 20_000);
        watermark(0, 20_000);

        assertThat(out).as("no second, partial rollup of [0, 10 s)").isEmpty();
    }

    @Test
    void aDoneMarkerSaysThePartitionIsFinished() {
        stage.accept(TotalsStage.DONE_KEY, "1".getBytes(StandardCharsets.UTF_8));

        assertThat(stage.isDone(1)).isTrue();
        assertThat(stage.isDone(0)).isFalse();
        assertThat(stage.allDone()).isFalse();
    }

    private void contribute(int partition, double usageRate) {
        var values = new MetricValues();
        values.put("cpu/usage_rate", usageRate);
        var slots = new TreeMap<Long, MetricValues>();
        slots.put(0L, values);
        stage.accept(CLUSTER, TotalsMessage.encode(new TotalsMessage.Contribution(partition, 0L, slots)));
        stage.drain(out::add);
    }

    private void watermark(int partition, long at) {
        stage.accept(TotalsMessage.WATERMARK_KEY, TotalsMessage.encode(new TotalsMessage.Watermark(partition, at)));
        stage.drain(out::add);
    }
}
