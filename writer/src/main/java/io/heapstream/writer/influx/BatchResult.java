package io.heapstream.writer.influx;

import java.util.List;

/**
 * What became of a batch of lines: how many InfluxDB acknowledged, and which it rejected as invalid (by index in
 * the batch, with InfluxDB's reason). Written plus rejected is the batch size.
 */
public record BatchResult(int written, List<Rejection> rejected) {
    public BatchResult {
        rejected = List.copyOf(rejected);
    }

    /** A line InfluxDB refused on its own (a 400 for a batch of one). */
    public record Rejection(int index, String reason) { }
}
