package io.heapstream.aggregator;

import io.heapstream.model.rollup.Rollup;
import org.apache.kafka.common.serialization.Serializer;

/** The aggregator's rollup writer for the benchmarks in other packages (it is package-private). */
public final class RollupJsonAccess {
    private RollupJsonAccess() { }

    public static Serializer<Rollup> values() {
        return RollupJsonSerializer.values();
    }
}
