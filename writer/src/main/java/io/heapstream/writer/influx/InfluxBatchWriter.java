package io.heapstream.writer.influx;

import java.util.ArrayList;
import java.util.List;

/**
 * Writes a batch of lines to one retention policy, and when InfluxDB rejects the batch as invalid, finds the
 * offending lines by bisection: each half is written again (idempotent: same series and timestamp overwrite)
 * until the lines InfluxDB refuses on their own are isolated. One bad point costs about 2·log2(n) requests and
 * never sinks the rest of the batch. A request that times out is split the same way down to
 * {@link #MIN_SPLIT_LINES}, so that a batch too heavy for a busy InfluxDB cannot time out forever. Other server
 * failures (down, 5xx) are not split: they surface as {@link InfluxUnavailableException} and the caller retries
 * the whole batch. Nor is an error about the request as a whole, that names no line: "points beyond retention
 * policy dropped=N" means the other points were written, and bisecting would cost a request per old point.
 */
public final class InfluxBatchWriter {
    /** Below this many lines a timeout is the server's problem, not the request's size. */
    public static final int MIN_SPLIT_LINES = 100;

    private final LineSink sink;

    public InfluxBatchWriter(LineSink sink) {
        this.sink = sink;
    }

    public BatchResult write(String retentionPolicy, List<String> lines) throws InfluxUnavailableException {
        var rejected = new ArrayList<BatchResult.Rejection>();
        int[] expired = {0};
        int written = lines.isEmpty() ? 0 : write(retentionPolicy, lines, 0, lines.size(), rejected, expired);
        return new BatchResult(written, rejected, expired[0]);
    }

    private int write(String policy, List<String> lines, int from, int to, List<BatchResult.Rejection> rejected,
                      int[] expired) throws InfluxUnavailableException {
        try {
            sink.write(policy, lines.subList(from, to));
            return to - from;
        } catch (InfluxWriteException e) {
            int dropped = e.droppedBeyondRetention();
            if (dropped >= 0 && dropped <= to - from) {
                expired[0] += dropped;
                return to - from - dropped;
            }
            boolean split = e.invalidPoints() || e.timedOut() && to - from >= 2 * MIN_SPLIT_LINES;
            if (!split) {
                throw new InfluxUnavailableException(e);
            }
            if (to - from == 1) {
                rejected.add(new BatchResult.Rejection(from, e.getMessage()));
                return 0;
            }
            int middle = (from + to) >>> 1;
            return write(policy, lines, from, middle, rejected, expired) + write(policy, lines, middle, to, rejected,
                    expired);
        }
    }
}
