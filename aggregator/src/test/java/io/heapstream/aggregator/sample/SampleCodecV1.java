package io.heapstream.aggregator.sample;

/** Version 1 of the state sample, as the previous release wrote it: tests prove {@link SampleCodec} still reads it. */
final class SampleCodecV1 {
    private SampleCodecV1() { }

    static byte[] encode(NodeSample sample) {
        var out = new BinaryOut(32 << 10);
        out.string(sample.cluster()).string(sample.node()).i64(sample.slotMillis()).varint(sample.series().size());
        for (var s : sample.series()) {
            out.varint(s.kind().ordinal()).string(s.namespace()).string(s.pod()).string(s.name())
                    .string(s.workload()).labels(s.labels()).string(s.image()).string(s.start()).values(s.gauges());
            out.varint(s.counters().size());
            for (var c : s.counters()) {
                out.varint(c.metric().ordinal()).i64(c.value()).i64(c.timeNanos());
            }
        }
        return out.toBytes();
    }
}
