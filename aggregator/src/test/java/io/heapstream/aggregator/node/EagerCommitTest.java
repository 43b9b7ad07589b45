package io.heapstream.aggregator.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.heapstream.aggregator.RollupSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.junit.jupiter.api.Test;

/**
 * The commit interval is long (an idle instance commits rarely), so a window that closes asks for a commit at
 * once: its rollups are readable downstream without waiting out the interval. A scrape that closes nothing does not.
 */
class EagerCommitTest {
    private static final Instant WALL = Instant.parse("2026-01-01T00:12:00Z");

    @Test
    void aClosingWindowCommitsAtOnceAndAScrapeThatClosesNothingWaitsForTheInterval() {
        var context = new MockProcessorContext<Object, NodeOutput>();
        context.setCurrentSystemTimeMs(WALL.toEpochMilli());
        PoisonedStoreTest.store(context, NodeProcessor.SAMPLES_STORE);
        PoisonedStoreTest.store(context, NodeProcessor.COARSE_STORE);
        var processor = new NodeProcessor(RollupSettings.of(Duration.ofMinutes(1), Duration.ofSeconds(10), List.of(), 1));
        processor.init(context);
        processor.process(PoisonedStoreTest.record(Instant.parse("2026-01-01T00:09:15Z")));   // the first watermark goes to the totals
        context.resetCommit();
        int forwarded = context.forwarded().size();

        processor.process(PoisonedStoreTest.record(Instant.parse("2026-01-01T00:09:30Z")));   // [00:09, 00:10) stays open until 00:10:10

        assertThat(context.forwarded()).hasSize(forwarded);
        assertThat(context.committed()).isFalse();

        processor.process(PoisonedStoreTest.record(Instant.parse("2026-01-01T00:10:15Z")));   // past 00:10:10: [00:09, 00:10) closes

        assertThat(context.forwarded()).hasSizeGreaterThan(forwarded)
                .anyMatch(f -> f.record().value() instanceof NodeOutput.Final);
        assertThat(context.committed()).isTrue();
    }
}
