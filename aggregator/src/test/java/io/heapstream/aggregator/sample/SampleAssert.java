package io.heapstream.aggregator.sample;

import static org.assertj.core.api.Assertions.assertThat;

/** Field by field sample equality: {@link MetricValues} has no equals, and doubles must match bit for bit. */
final class SampleAssert {
    private SampleAssert() { }

    /** Both encodings give back {@code sample}, and the current one is the one {@link SampleCodec} writes. */
    static void roundTrips(String what, NodeSample sample) {
        var v2 = SampleCodec.encode(sample);
        assertThat(v2[0]).as(what).isZero();
        assertSame(what + " (v2)", SampleCodec.decode(v2), sample);
        assertSame(what + " (v1)", SampleCodec.decode(SampleCodecV1.encode(sample)), sample);
    }

    static void assertSame(String what, NodeSample actual, NodeSample expected) {
        assertThat(actual.cluster()).as(what).isEqualTo(expected.cluster());
        assertThat(actual.node()).as(what).isEqualTo(expected.node());
        assertThat(actual.slotMillis()).as(what).isEqualTo(expected.slotMillis());
        assertThat(actual.series()).as(what).hasSameSizeAs(expected.series());
        for (int i = 0; i < expected.series().size(); i++) {
            var a = actual.series().get(i);
            var e = expected.series().get(i);
            var as = what + " series " + i + " " + e.id();
            assertThat(a.kind()).as(as).isEqualTo(e.kind());
            assertThat(a.namespace()).as(as).isEqualTo(e.namespace());
            assertThat(a.pod()).as(as).isEqualTo(e.pod());
            assertThat(a.name()).as(as).isEqualTo(e.name());
            assertThat(a.workload()).as(as).isEqualTo(e.workload());
            assertThat(a.labels()).as(as).isEqualTo(e.labels());
            assertThat(a.image()).as(as).isEqualTo(e.image());
            assertThat(a.start()).as(as).isEqualTo(e.start());
            assertThat(a.counters()).as(as).isEqualTo(e.counters());
            assertSameGauges(as, a.gauges(), e.gauges());
        }
    }

    private static void assertSameGauges(String what, MetricValues actual, MetricValues expected) {
        assertThat(actual.size()).as(what).isEqualTo(expected.size());
        for (int j = 0; j < expected.size(); j++) {
            var id = actual.id(j);
            assertThat(id).as(what).isEqualTo(expected.id(j));
            assertThat(Double.doubleToRawLongBits(actual.value(j))).as(what + " " + id)
                    .isEqualTo(Double.doubleToRawLongBits(expected.value(j)));
            int code = MetricIds.code(id);
            if (code > 0) {   // later code compares catalogue ids by identity first
                assertThat(id).as(what).isSameAs(MetricIds.id(code));
            }
        }
    }
}
