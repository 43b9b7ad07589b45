package io.heapstream.alerter.bench;

import io.heapstream.aggregator.RollupTap;
import io.heapstream.alerter.rules.RuleFile;
import io.heapstream.alerter.rules.RuleFileException;
import io.heapstream.alerter.stream.EmbeddedAlertTap;
import io.heapstream.alerter.stream.RuleIndex;
import io.heapstream.model.Topics;
import io.heapstream.model.rollup.Rollup;
import io.heapstream.model.rollup.RollupKey;
import java.time.Duration;
import org.apache.kafka.streams.kstream.KStream;

/**
 * The default rules as the aggregator's benchmarks attach them ({@code -Dbench.tap=} this class; the aggregator's
 * test sources know only {@link RollupTap}): what {@code heapstream aggregator --alert-rules default} runs, on
 * 1 min windows, events to the system property {@code bench.alerts.topic} (AggregatorBench sets it; default
 * {@value Topics#DEFAULT_ALERTS}).
 */
public final class DefaultRulesTap implements RollupTap {
    private final EmbeddedAlertTap tap;

    public DefaultRulesTap() throws RuleFileException {
        var rules = new RuleIndex(RuleFile.defaults());
        tap = new EmbeddedAlertTap(System.getProperty("bench.alerts.topic", Topics.DEFAULT_ALERTS),
                Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofSeconds(10), () -> rules);
    }

    @Override
    public void attach(String stage, KStream<RollupKey, Rollup> rollups) {
        tap.attach(stage, rollups);
    }
}
