package io.heapstream.writer.influx;

/** InfluxDB could not take a batch at all (down, 5xx, timeout, auth): the whole batch is to be retried later. */
public final class InfluxUnavailableException extends Exception {
    private final transient InfluxWriteException failure;

    public InfluxUnavailableException(InfluxWriteException failure) {
        super(failure.getMessage(), failure);
        this.failure = failure;
    }

    public InfluxWriteException failure() {
        return failure;
    }
}
