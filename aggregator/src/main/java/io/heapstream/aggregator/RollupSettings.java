package io.heapstream.aggregator;

import static java.util.Objects.requireNonNull;

import io.heapstream.model.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything the topology depends on, and nothing else (no clients, no clock): topics, the base window and its
 * grace, the coarser resolutions, how many partitions the raw topic has (the totals stage waits for a
 * watermark from each), and after how long without records a partition counts as quiet.
 *
 * @param window        base resolution (default 1 min); every coarser one must be a multiple of it
 * @param grace         how long after a window's end its scrapes are still accepted (event time)
 * @param coarser       resolutions built from the base rollups (default 1 h)
 * @param rawPartitions partitions of the raw topic (= node-stage tasks)
 * @param idleTimeout   wall-clock time of silence (while the feed is healthy) after which a node counts as gone
 *                      and a partition as quiet
 * @param nodeGoneLag   event time by which the newest slot of a partition may pass a node's newest before the node
 *                      counts as gone without the wall clock: the longest outage a node can catch up from
 * @param feed          what the node stage knows about the broker and the other partitions
 */
public record RollupSettings(String rawTopic, String rollupTopicPrefix, String lateTopic, Duration window,
                             Duration grace, List<Duration> coarser, int rawPartitions, Duration idleTimeout,
                             Duration nodeGoneLag, RollupEvents events, RawFeed feed) {
    /** Default of {@link #nodeGoneLag}: above the collectors' default buffer (ten minutes of a large node). */
    public static final Duration NODE_GONE_LAG = Duration.ofMinutes(15);

    public RollupSettings(String rawTopic, String rollupTopicPrefix, String lateTopic, Duration window,
                          Duration grace, List<Duration> coarser, int rawPartitions, Duration idleTimeout,
                          RollupEvents events) {
        this(rawTopic, rollupTopicPrefix, lateTopic, window, grace, coarser, rawPartitions, idleTimeout,
                NODE_GONE_LAG, events, RawFeed.SELF_FED);
    }

    public RollupSettings {
        requireNonNull(rawTopic, "rawTopic");
        requireNonNull(rollupTopicPrefix, "rollupTopicPrefix");
        requireNonNull(lateTopic, "lateTopic");
        requireNonNull(window, "window");
        requireNonNull(grace, "grace");
        requireNonNull(idleTimeout, "idleTimeout");
        coarser = List.copyOf(coarser);
        events = events == null ? RollupEvents.NONE : events;
        feed = feed == null ? RawFeed.SELF_FED : feed;
        requireNonNull(nodeGoneLag, "nodeGoneLag");
        Topics.suffix(window);
        if (grace.isNegative()) {
            throw new IllegalArgumentException("grace must not be negative: " + grace);
        }
        for (var c : coarser) {
            Topics.suffix(c);
            if (c.toMillis() % window.toMillis() != 0 || c.compareTo(window) <= 0) {
                throw new IllegalArgumentException("resolution " + c + " is not a larger multiple of the window "
                        + window);
            }
        }
        if (rawPartitions < 1) {
            throw new IllegalArgumentException("rawPartitions must be at least 1, was " + rawPartitions);
        }
        if (idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("idleTimeout must be positive: " + idleTimeout);
        }
    }

    /** Defaults: 1 min windows, 30 s grace, 1 h coarser, one raw partition, quiet after window + grace. */
    public static RollupSettings defaults() {
        return of(Duration.ofMinutes(1), Duration.ofSeconds(30), List.of(Duration.ofHours(1)), 1);
    }

    public static RollupSettings of(Duration window, Duration grace, List<Duration> coarser, int rawPartitions) {
        return new RollupSettings(Topics.DEFAULT_RAW, Topics.DEFAULT_ROLLUP_PREFIX, Topics.DEFAULT_LATE, window,
                grace, coarser, rawPartitions, window.plus(grace), RollupEvents.NONE);
    }

    public RollupSettings withTopics(String raw, String rollupPrefix, String late) {
        return new RollupSettings(raw, rollupPrefix, late, window, grace, coarser, rawPartitions, idleTimeout,
                nodeGoneLag, events, feed);
    }

    public RollupSettings withIdleTimeout(Duration timeout) {
        return new RollupSettings(rawTopic, rollupTopicPrefix, lateTopic, window, grace, coarser, rawPartitions,
                timeout, nodeGoneLag, events, feed);
    }

    public RollupSettings withEvents(RollupEvents listener) {
        return new RollupSettings(rawTopic, rollupTopicPrefix, lateTopic, window, grace, coarser, rawPartitions,
                idleTimeout, nodeGoneLag, listener, feed);
    }

    public RollupSettings withNodeGoneLag(Duration lag) {
        return new RollupSettings(rawTopic, rollupTopicPrefix, lateTopic, window, grace, coarser, rawPartitions,
                idleTimeout, lag, events, feed);
    }

    public RollupSettings withFeed(RawFeed rawFeed) {
        return new RollupSettings(rawTopic, rollupTopicPrefix, lateTopic, window, grace, coarser, rawPartitions,
                idleTimeout, nodeGoneLag, events, rawFeed);
    }

    /** The base window first, then the coarser ones. */
    public List<Duration> resolutions() {
        var all = new ArrayList<Duration>();
        all.add(window);
        all.addAll(coarser);
        return all;
    }

    /** The rollup topic of a resolution: prefix + {@code 1m}, {@code 1h}, ... */
    public String rollupTopic(Duration resolution) {
        return rollupTopicPrefix + Topics.suffix(resolution);
    }
}
