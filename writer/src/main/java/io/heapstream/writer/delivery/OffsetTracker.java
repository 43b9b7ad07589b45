package io.heapstream.writer.delivery;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Which offsets may be committed: per owned partition, the offset after the last record whose points InfluxDB
 * acknowledged. Each partition is written by one lane, in order, so an acknowledged batch means every earlier
 * record of its partitions was acknowledged too. Every assignment of a partition starts a new generation:
 * a batch read before the partition was revoked (and perhaps processed further by another writer) can still
 * finish, but its acknowledgement is not committed, so committed offsets never move backwards.
 */
public final class OffsetTracker {
    private final Map<TopicPartition, Integer> generations = new HashMap<>();
    private final Map<TopicPartition, Long> acknowledged = new HashMap<>();
    private final Map<TopicPartition, Long> committed = new HashMap<>();
    private int lastGeneration;

    /** A partition was assigned: a new generation, nothing acknowledged yet. */
    public synchronized int assign(TopicPartition partition) {
        int generation = ++lastGeneration;
        generations.put(partition, generation);
        acknowledged.remove(partition);
        committed.remove(partition);
        return generation;
    }

    /** A partition was revoked or lost: its acknowledgements no longer count. */
    public synchronized void revoke(Collection<TopicPartition> partitions) {
        for (TopicPartition partition : partitions) {
            generations.remove(partition);
            acknowledged.remove(partition);
            committed.remove(partition);
        }
    }

    /** The current generation of an owned partition, or -1 when it is not owned. */
    public synchronized int generation(TopicPartition partition) {
        return generations.getOrDefault(partition, -1);
    }

    /** InfluxDB acknowledged a batch: its partitions may be committed up to their next offsets. */
    public synchronized void acknowledge(Batch batch) {
        batch.progress().forEach((partition, progress) -> {
            if (generations.getOrDefault(partition, -1) == progress.generation()) {
                acknowledged.merge(partition, progress.nextOffset(), Math::max);
            }
        });
    }

    /** Acknowledged offsets not yet committed, of the given partitions (all owned ones when {@code null}). */
    public synchronized Map<TopicPartition, OffsetAndMetadata> uncommitted(Collection<TopicPartition> only) {
        var result = new HashMap<TopicPartition, OffsetAndMetadata>();
        acknowledged.forEach((partition, offset) -> {
            if ((only == null || only.contains(partition)) && offset > committed.getOrDefault(partition, -1L)) {
                result.put(partition, new OffsetAndMetadata(offset));
            }
        });
        return result;
    }

    /** Kafka accepted these commits. */
    public synchronized void committed(Map<TopicPartition, OffsetAndMetadata> offsets) {
        offsets.forEach((partition, offset) -> {
            if (generations.containsKey(partition)) {
                committed.merge(partition, offset.offset(), Math::max);
            }
        });
    }
}
