package io.heapstream.app.replay;

import io.heapstream.model.rollup.Rollup;

/** Where a replay's rollups go: InfluxDB through the writer's schema, or topics. */
public interface RollupSink extends AutoCloseable {
    void accept(Rollup rollup) throws InterruptedException;

    /** Writes what is buffered; returns once it is acknowledged. */
    void flush() throws InterruptedException;

    /** Points (InfluxDB) or records (topics) acknowledged so far. */
    long written();

    /** Points the destination refused as invalid (InfluxDB's 400s, isolated by the writer's bisection). */
    default long rejected() {
        return 0;
    }

    @Override
    void close();
}
