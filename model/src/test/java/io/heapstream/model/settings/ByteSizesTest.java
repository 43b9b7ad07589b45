package io.heapstream.model.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ByteSizesTest {

    @ParameterizedTest
    @CsvSource({"1048576, 1048576", "0, 0", "512Ki, 524288", "64Mi, 67108864", "64MiB, 67108864", "2Gi, 2147483648",
            "1Ti, 1099511627776", "1KiB, 1024", "500k, 500000", "500K, 500000", "64M, 64000000", "2G, 2000000000",
            "1T, 1000000000000", "1.5Ki, 1536", "0.5, 1", "' 8Mi ', 8388608"})
    void plainBinaryAndDecimalFormsAreRead(String text, long expected) {
        assertThat(ByteSizes.parse(text)).isEqualTo(expected);
    }

    @Test
    void lowerCaseMIsAmbiguousBetweenMilliAndMega() {
        assertThatThrownBy(() -> ByteSizes.parse("64m"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'64m' is ambiguous: write 64Mi (mebibytes) or 64M (megabytes)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"2g", "1t"})
    void lowerCaseGAndTAreAmbiguousToo(String text) {
        assertThatThrownBy(() -> ByteSizes.parse(text)).hasMessageContaining("is ambiguous");
    }

    @ParameterizedTest
    @ValueSource(strings = {"lots", "-1", "64mi", "64MB", "12Zi", "1e6", "", "9Ei", "99999999999Ti"})
    void anythingElseIsRefusedQuotingTheText(String text) {
        assertThatThrownBy(() -> ByteSizes.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + text + "'");
    }
}
