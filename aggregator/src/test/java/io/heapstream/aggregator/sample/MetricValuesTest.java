package io.heapstream.aggregator.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MetricValuesTest {
    private static final List<String> IDS = List.of(Names.CPU_USAGE_RATE, Names.MEMORY_USAGE, Names.MEMORY_RSS,
            Names.CPU_REQUEST, MetricValues.id(Names.FS_USAGE, "/dev/sda1"), Names.RESTART_COUNT,
            MetricValues.id(Names.FS_LIMIT, "/dev/sda1"), Names.NETWORK_RX_RATE);

    /** A copy that is equal but not the same instance, as a per-resource id decoded from bytes is. */
    private static String fresh(String id) {
        return new String(id.toCharArray());
    }

    private static MetricValues random(Random random) {
        var ids = new ArrayList<>(IDS);
        java.util.Collections.shuffle(ids, random);
        var v = new MetricValues(2);
        for (var id : ids.subList(0, random.nextInt(ids.size() + 1))) {
            v.put(random.nextBoolean() ? id : fresh(id), random.nextDouble() * 1e3);
        }
        return v;
    }

    private static void assertSame(MetricValues actual, MetricValues expected) {
        assertThat(actual.size()).isEqualTo(expected.size());
        for (int i = 0; i < expected.size(); i++) {
            assertThat(actual.id(i)).isEqualTo(expected.id(i));
            assertThat(Double.doubleToRawLongBits(actual.value(i)))
                    .isEqualTo(Double.doubleToRawLongBits(expected.value(i)));
        }
    }

    @Test
    void anEqualIdThatIsAnotherInstanceIsTheSameMetric() {
        var v = new MetricValues();
        v.put(MetricValues.id(Names.FS_USAGE, "/dev/sda1"), 1.0);
        v.add(fresh(MetricValues.id(Names.FS_USAGE, "/dev/sda1")), 2.0);
        v.add(Names.CPU_USAGE_RATE, 5.0);
        v.add(fresh(Names.CPU_USAGE_RATE), 0.5);
        assertThat(v.size()).isEqualTo(2);
        assertThat(v.get(MetricValues.id(Names.FS_USAGE, "/dev/sda1"))).isEqualTo(3.0);
        assertThat(v.get(Names.CPU_USAGE_RATE)).isEqualTo(5.5);
        assertThat(v.indexOf(Names.MEMORY_USAGE)).isEqualTo(-1);
    }

    @Test
    void aHintThatPointsElsewhereOrPastTheEndStillFindsTheId() {
        var v = new MetricValues();
        v.add(Names.CPU_USAGE_RATE, 1.0);
        v.add(Names.MEMORY_USAGE, 2.0);
        assertThat(v.add(Names.CPU_USAGE_RATE, 1.0, 1)).isZero();
        assertThat(v.add(Names.MEMORY_USAGE, 1.0, 7)).isEqualTo(1);
        assertThat(v.add(fresh(Names.MEMORY_USAGE), 1.0, 1)).isEqualTo(1);
        assertThat(v.add(Names.MEMORY_RSS, 4.0, 0)).isEqualTo(2);
        assertThat(v.get(Names.CPU_USAGE_RATE)).isEqualTo(2.0);
        assertThat(v.get(Names.MEMORY_USAGE)).isEqualTo(4.0);
        assertThat(v.get(Names.MEMORY_RSS)).isEqualTo(4.0);
    }

    @Test
    void addAllGivesTheSameIdsOrderAndBitsAsAddingOneByOne() {
        var random = new Random(7);
        for (int round = 0; round < 2_000; round++) {
            var target = random.nextInt(4) == 0 ? new MetricValues(1) : random(random);
            var expected = target.copy();
            var part = random(random);
            for (int i = 0; i < part.size(); i++) {
                expected.add(part.id(i), part.value(i));
            }
            target.addAll(part);
            assertSame(target, expected);
        }
    }

    @Test
    void pickKeepsTheSourceOrderAndReplacesWhatWasThere() {
        var source = new MetricValues();
        source.put(Names.UPTIME, 9.0);
        source.put(Names.MEMORY_USAGE, 2.0);
        source.put(Names.CPU_USAGE_RATE, 1.0);
        var picked = new MetricValues(1);
        picked.put(Names.RESTART_COUNT, 3.0);
        picked.pick(source, MetricRules.POD_TO_TOTAL::contains);
        var expected = new MetricValues();
        expected.put(Names.MEMORY_USAGE, 2.0);
        expected.put(Names.CPU_USAGE_RATE, 1.0);
        assertSame(picked, expected);
        assertThat(picked.pick(source, id -> false).isEmpty()).isTrue();
    }
}
