package io.heapstream.writer.delivery;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * Records written together: their lines grouped by retention policy (one request per policy), each line
 * remembering its record so that a rejected line can be traced back to the record to dead-letter.
 */
public final class Batch {
    private final List<PendingRecord> records;
    private final Map<String, Group> groups = new LinkedHashMap<>();
    private final int points;
    private final int weight;

    /** Lines of one retention policy, and the index (in {@link #records()}) of the record of each line. */
    public record Group(List<String> lines, List<Integer> owners) { }

    public Batch(List<PendingRecord> records) {
        this.records = List.copyOf(records);
        int points = 0;
        int weight = 0;
        for (int i = 0; i < this.records.size(); i++) {
            PendingRecord record = this.records.get(i);
            weight += record.weight();
            if (record.lines().isEmpty()) {
                continue;
            }
            var group = groups.computeIfAbsent(record.retentionPolicy(),
                    rp -> new Group(new ArrayList<>(), new ArrayList<>()));
            for (String line : record.lines()) {
                group.lines().add(line);
                group.owners().add(i);
                points++;
            }
        }
        this.points = points;
        this.weight = weight;
    }

    public List<PendingRecord> records() {
        return records;
    }

    public Map<String, Group> groups() {
        return groups;
    }

    public int points() {
        return points;
    }

    /** Sum of the records' {@link PendingRecord#weight()}: what completing the batch frees. */
    public int weight() {
        return weight;
    }

    /** Where a partition stands once the batch is acknowledged: the offset after its last record. */
    public record Progress(int generation, long nextOffset) { }

    /** Per partition of the batch, its {@link Progress}. */
    public Map<TopicPartition, Progress> progress() {
        var result = new HashMap<TopicPartition, Progress>();
        for (PendingRecord record : records) {
            result.merge(record.partition(), new Progress(record.generation(), record.offset() + 1),
                    (a, b) -> b.nextOffset() > a.nextOffset() ? b : a);
        }
        return result;
    }
}
