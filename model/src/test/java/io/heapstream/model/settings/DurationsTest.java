package io.heapstream.model.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {

    @ParameterizedTest
    @CsvSource({"500ms, PT0.5S", "30s, PT30S", "1m, PT1M", "1h, PT1H", "1d, PT24H", "1h30m, PT1H30M",
            "1m5s, PT1M5S", "PT1M, PT1M", "pt15s, PT15S", "30S, PT30S", "' 15s ', PT15S", "0s, PT0S"})
    void shortAndIsoFormsAreRead(String text, Duration expected) {
        assertThat(Durations.parse(text)).isEqualTo(expected);
    }

    @Test
    void aBareNumberIsRefusedSayingToAddAUnit() {
        assertThatThrownBy(() -> Durations.parse("30"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'30' has no unit: write e.g. 30s or 30ms");
    }

    @ParameterizedTest
    @ValueSource(strings = {"soon", "1 fortnight", "1.5h", "s", "1w", "P1M", "-5s", "PT-5S", "99999999999999999999d"})
    void anythingElseIsRefusedQuotingTheText(String text) {
        assertThatThrownBy(() -> Durations.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + text.strip() + "'");
    }
}
