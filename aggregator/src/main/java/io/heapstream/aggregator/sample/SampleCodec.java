package io.heapstream.aggregator.sample;

import io.heapstream.aggregator.sample.SeriesSample.Counter;
import io.heapstream.aggregator.sample.SeriesSample.Kind;
import java.util.ArrayList;

/**
 * Binary form of a {@link NodeSample} in the aggregator's state store (written once, read at window close).
 * Writes version 2 ({@link SampleCodecV2}); reads both it and version 1, which state stores and changelogs written
 * before an upgrade still hold. Version 1 starts with the cluster's length prefix, never 0 since the cluster is
 * never null; version 2 starts with the bytes 0x00 0x02.
 */
public final class SampleCodec {
    private static final Kind[] KINDS = Kind.values();

    private SampleCodec() { }

    public static byte[] encode(NodeSample sample) {
        return SampleCodecV2.encode(sample);
    }

    public static NodeSample decode(byte[] bytes) {
        return bytes.length > 0 && bytes[0] == 0 ? SampleCodecV2.decode(bytes) : decodeV1(bytes);
    }

    private static NodeSample decodeV1(byte[] bytes) {
        var in = new BinaryIn(bytes);
        var cluster = in.string();
        var node = in.string();
        long slot = in.i64();
        int n = in.varint();
        var series = new ArrayList<SeriesSample>(n);
        for (int i = 0; i < n; i++) {
            var kind = KINDS[in.varint()];
            var ns = in.string();
            var pod = in.string();
            var name = in.string();
            var workload = in.string();
            var labels = in.labels();
            var image = in.string();
            var start = in.string();
            var gauges = in.values();
            int nc = in.varint();
            var counters = new ArrayList<Counter>(nc);
            for (int j = 0; j < nc; j++) {
                counters.add(new Counter(RateMetric.of(in.varint()), in.i64(), in.i64()));
            }
            series.add(new SeriesSample(kind, ns, pod, name, workload, labels, image, start, gauges, counters));
        }
        return new NodeSample(cluster, node, slot, series);
    }
}
