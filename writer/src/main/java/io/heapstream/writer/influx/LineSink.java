package io.heapstream.writer.influx;

import java.util.List;

/** Where lines of line protocol go: one call is one write request to InfluxDB's {@code /write} endpoint. */
public interface LineSink {

    /**
     * Writes the lines (millisecond timestamps) into a retention policy of the sink's database.
     *
     * @throws InfluxWriteException when InfluxDB did not answer 2xx
     */
    void write(String retentionPolicy, List<String> lines) throws InfluxWriteException;
}
