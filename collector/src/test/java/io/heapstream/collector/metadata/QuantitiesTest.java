package io.heapstream.collector.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class QuantitiesTest {

    @Test
    void cpuQuantitiesBecomeMillicoresRoundedUp() {
        assertThat(Quantities.millicores("100m")).isEqualTo(100L);
        assertThat(Quantities.millicores("2")).isEqualTo(2_000L);
        assertThat(Quantities.millicores("0.5")).isEqualTo(500L);
        assertThat(Quantities.millicores("1500u")).isEqualTo(2L);
        assertThat(Quantities.millicores("250000n")).isEqualTo(1L);
    }

    @Test
    void memoryQuantitiesBecomeBytes() {
        assertThat(Quantities.bytes("128Mi")).isEqualTo(134_217_728L);
        assertThat(Quantities.bytes("16098852Ki")).isEqualTo(16_485_224_448L);
        assertThat(Quantities.bytes("5M")).isEqualTo(5_000_000L);
        assertThat(Quantities.bytes("129e6")).isEqualTo(129_000_000L);
        assertThat(Quantities.bytes("1E")).isEqualTo(1_000_000_000_000_000_000L);
        assertThat(Quantities.bytes("42")).isEqualTo(42L);
    }

    @Test
    void textThatIsNotAQuantityIsAbsent() {
        assertThat(Quantities.bytes(null)).isNull();
        assertThat(Quantities.bytes("")).isNull();
        assertThat(Quantities.bytes("lots")).isNull();
        assertThat(Quantities.bytes("12Zi")).isNull();
        assertThat(Quantities.bytes("-1")).isNull();
        assertThat(Quantities.bytes("9Ei")).isNull();
    }
}
