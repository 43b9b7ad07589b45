package io.heapstream.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class TestServicesTest {

    @Test
    void uniqueNamesNeverRepeat() {
        var names = new HashSet<String>();
        IntStream.range(0, 1000).forEach(i -> names.add(TestServices.unique("raw")));

        assertThat(names).hasSize(1000);
    }

    @Test
    void uniqueNamesAreTopicNamesAndBareInfluxIdentifiers() {
        assertThat(TestServices.unique("rollup")).startsWith("rollup_").matches("[A-Za-z_][A-Za-z0-9_]*");
    }

    @Test
    void emptyPrefixIsRejected() {
        assertThatThrownBy(() -> TestServices.unique("")).isInstanceOf(IllegalArgumentException.class);
    }
}
