package io.heapstream.writer.delivery;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.KafkaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds rollup topics the writer does not read: the writer subscribes to the resolutions of its own
 * {@code --retention}, so {@code aggregator --window 10s} writing {@code heapstream.rollup.10s} would otherwise go
 * unnoticed. It does not subscribe to them (it has no retention policy to put their points in, and guessing one
 * would decide how long someone's data is kept); it says so, loudly and again every half hour, and counts them
 * in the {@code heapstream.writer.ignored.topics} gauge.
 */
final class IgnoredTopics {
    private static final Logger LOG = LoggerFactory.getLogger(IgnoredTopics.class);
    private static final Duration LIST_TIMEOUT = Duration.ofSeconds(5);
    private static final long REPEAT_NANOS = Duration.ofMinutes(30).toNanos();

    private final String prefix;
    private final Set<String> read;
    private final AtomicInteger gauge;
    private final Map<String, Long> lastWarned = new HashMap<>();

    IgnoredTopics(String prefix, Collection<String> read, AtomicInteger gauge) {
        this.prefix = prefix;
        this.read = Set.copyOf(read);
        this.gauge = gauge;
    }

    /** Lists the broker's topics: those with the rollup prefix that are not read, sorted (empty if listing failed). */
    List<String> check(Consumer<?, ?> consumer) {
        Set<String> topics;
        try {
            topics = consumer.listTopics(LIST_TIMEOUT).keySet();
        } catch (KafkaException e) {
            LOG.debug("cannot list topics to find unread rollup topics: {}", e.toString());
            return List.of();
        }
        var ignored = topics.stream().filter(t -> t.startsWith(prefix) && !read.contains(t)).sorted().toList();
        gauge.set(ignored.size());
        long now = System.nanoTime();
        for (String topic : ignored) {
            Long last = lastWarned.get(topic);
            if (last == null || now - last >= REPEAT_NANOS) {
                lastWarned.put(topic, now);
                String resolution = topic.substring(prefix.length());
                LOG.warn("topic={} exists but this writer does not read it: --retention (HEAPSTREAM_RETENTION) has no"
                        + " {} resolution, so these rollups reach no InfluxDB; add {}=<how long to keep> to"
                        + " --retention, or stop the aggregator's --window {}", topic, resolution, resolution,
                        resolution);
            }
        }
        return ignored;
    }
}
