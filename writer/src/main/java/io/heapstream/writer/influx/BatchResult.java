package io.heapstream.writer.influx;

import java.util.List;

/**
 * What became of a batch of lines: how many InfluxDB acknowledged, which it rejected as invalid (by index in
 * the batch, with InfluxDB's reason), and how many it dropped as older than the retention policy (InfluxDB does
 * not say which). Written plus rejected plus expired is the batch size.
 */
public record BatchResult(int written, List<Rejection> rejected, int expired) {
    public BatchResult {
        rejected = List.copyOf(rejected);
    }

    public BatchResult(int written, List<Rejection> rejected) {
        this(written, rejected, 0);
    }

    /** A line InfluxDB refused on its own (a 400 for a batch of one). */
    public record Rejection(int index, String reason) { }
}
