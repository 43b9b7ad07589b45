package io.heapstream.app.replay;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;

/**
 * Turns times into offsets per partition ({@code offsetsForTimes}: the first record stamped at or after a time;
 * raw and rollup records are stamped with their scrape slot or window start) and refuses ranges the topic cannot
 * answer: one it no longer holds (retention has deleted records after {@code readFrom}), or one with no record.
 * Only reads metadata: nothing is consumed, no group is joined.
 */
public final class OffsetPlanner {
    private final Consumer<byte[], byte[]> consumer;
    private final Duration timeout;

    public OffsetPlanner(Consumer<byte[], byte[]> consumer, Duration timeout) {
        this.consumer = consumer;
        this.timeout = timeout;
    }

    /**
     * @param readFrom  the earliest time the replay needs (before {@code range.from()} when the first window needs
     *                  the sample before it for its rates)
     * @param readUntil records stamped from here on are not read; {@code null} = read to the end offsets taken now
     *                  (a transactional topic: its commit markers carry the wall-clock time of the commit, which
     *                  {@code offsetsForTimes} counts, so a history written late would stop the read too early)
     * @throws ReplayInputException when the topic is missing, no longer holds {@code readFrom}, or holds no record
     *                              stamped in the range
     */
    public List<PartitionRange> plan(String topic, Instant readFrom, ReplayRange range, Instant readUntil) {
        var infos = consumer.partitionsFor(topic, timeout);
        if (infos == null || infos.isEmpty()) {
            throw new ReplayInputException("topic " + topic + " does not exist");
        }
        var partitions = infos.stream().map(p -> new TopicPartition(topic, p.partition()))
                .sorted(java.util.Comparator.comparingInt(TopicPartition::partition)).toList();
        var begin = consumer.beginningOffsets(partitions, timeout);
        var end = consumer.endOffsets(partitions, timeout);
        var first = at(partitions, Instant.EPOCH, end);
        checkHeld(topic, partitions, readFrom, begin, end, first);
        var inFrom = offsets(at(partitions, range.from(), end));
        var inTo = readUntil == null ? end : offsets(at(partitions, range.to(), end));
        long inRange = partitions.stream().mapToLong(p -> inTo.get(p) - inFrom.get(p)).sum();
        if (inRange <= 0) {
            throw new ReplayInputException("topic " + topic + " has no record stamped in [" + range.from() + ", "
                    + range.to() + ")" + held(partitions, end, first));
        }
        var start = offsets(at(partitions, readFrom, end));
        var stop = readUntil == null ? end : offsets(at(partitions, readUntil, end));
        var result = new ArrayList<PartitionRange>();
        for (var p : partitions) {
            result.add(new PartitionRange(p, start.get(p), Math.max(start.get(p), stop.get(p))));
        }
        return result;
    }

    /**
     * The offsets stamped from {@code readFrom} on, to {@code readUntil} or with {@code null} to the end, without
     * any check: an optional topic (the late one).
     */
    public List<PartitionRange> planLenient(String topic, Instant readFrom, Instant readUntil) {
        var infos = consumer.partitionsFor(topic, timeout);
        if (infos == null || infos.isEmpty()) {
            return List.of();
        }
        var partitions = infos.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
        var end = consumer.endOffsets(partitions, timeout);
        var start = offsets(at(partitions, readFrom, end));
        var stop = readUntil == null ? end : offsets(at(partitions, readUntil, end));
        return partitions.stream().map(p -> new PartitionRange(p, start.get(p), Math.max(start.get(p), stop.get(p))))
                .toList();
    }

    /** Retention deleted records (the log no longer starts at 0) and the oldest one left is after readFrom. */
    private static void checkHeld(String topic, List<TopicPartition> partitions, Instant readFrom,
                                  Map<TopicPartition, Long> begin, Map<TopicPartition, Long> end,
                                  Map<TopicPartition, Stamped> first) {
        var short_ = new ArrayList<String>();
        for (var p : partitions) {
            var f = first.get(p);
            boolean deleted = begin.get(p) > 0;
            if (deleted && (f.timestamp() == null || f.timestamp().isAfter(readFrom))) {
                short_.add(p.partition() + "");
            }
        }
        if (!short_.isEmpty()) {
            throw new ReplayInputException("topic " + topic + " no longer holds " + readFrom + " on partition(s) "
                    + String.join(",", short_) + " (retention deleted it)" + held(partitions, end, first)
                    + "; choose a later --from");
        }
    }

    /** {@code ; still held: p0 2026-...Z onwards, p1 nothing}. */
    private static String held(List<TopicPartition> partitions, Map<TopicPartition, Long> end,
                               Map<TopicPartition, Stamped> first) {
        var parts = new ArrayList<String>();
        for (var p : partitions) {
            var f = first.get(p);
            parts.add("p" + p.partition() + " " + (f.timestamp() == null ? "nothing"
                    : f.timestamp() + " onwards (" + (end.get(p) - f.offset()) + " records)"));
        }
        return "; still held: " + String.join(", ", parts);
    }

    private record Stamped(long offset, Instant timestamp) { }

    /** Per partition the first offset stamped at or after the time, or the end offset when there is none. */
    private Map<TopicPartition, Stamped> at(List<TopicPartition> partitions, Instant time, Map<TopicPartition, Long> end) {
        var query = new HashMap<TopicPartition, Long>();
        partitions.forEach(p -> query.put(p, Math.max(0, time.toEpochMilli())));
        Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(query, timeout);
        var result = new HashMap<TopicPartition, Stamped>();
        for (var p : partitions) {
            var f = found.get(p);
            result.put(p, f == null ? new Stamped(end.get(p), null)
                    : new Stamped(f.offset(), Instant.ofEpochMilli(f.timestamp())));
        }
        return result;
    }

    private static Map<TopicPartition, Long> offsets(Map<TopicPartition, Stamped> stamped) {
        var result = new HashMap<TopicPartition, Long>();
        stamped.forEach((p, s) -> result.put(p, s.offset()));
        return result;
    }
}
