package io.heapstream.model.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingsReaderTest {
    private static final Setting<Duration> WINDOW = Setting.flag("--window", SettingType.DURATION)
            .defaultValue("1m").description("base window");
    private static final Setting<Integer> THREADS = Setting.flag("--stream-threads", SettingType.INTEGER)
            .defaultValue("1").check(n -> n >= 1, "must be at least 1");
    private static final Setting<String> CLUSTER = Setting.flag("--cluster", SettingType.STRING).required();
    private static final Setting<String> PASSWORD = Setting.envOnly("HEAPSTREAM_SECRET", SettingType.STRING);

    @Test
    void theVariableIsNamedAfterTheFlag() {
        assertThat(WINDOW.env()).isEqualTo("HEAPSTREAM_WINDOW");
        assertThat(THREADS.names()).isEqualTo("--stream-threads (HEAPSTREAM_STREAM_THREADS)");
        assertThat(PASSWORD.names()).isEqualTo("HEAPSTREAM_SECRET");
    }

    @Test
    void aGivenValueWinsOverTheFallbackAndTheDefault() {
        var in = new SettingsReader("test", Map.of("HEAPSTREAM_WINDOW", " 10s "));

        assertThat(in.get(WINDOW)).isEqualTo(Duration.ofSeconds(10));
        assertThat(in.get(WINDOW, Duration.ofHours(1))).isEqualTo(Duration.ofSeconds(10));
        assertThat(in.get(THREADS)).isEqualTo(1);
        assertThat(in.get(THREADS, 4)).isEqualTo(4);
    }

    @Test
    void blankCountsAsNotSet() {
        var in = new SettingsReader("test", Map.of("HEAPSTREAM_WINDOW", "  "));

        assertThat(in.isSet(WINDOW)).isFalse();
        assertThat(in.get(WINDOW)).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void everyProblemIsCollectedIntoOneLineNamingFlagAndVariable() {
        var in = new SettingsReader("test", Map.of("HEAPSTREAM_WINDOW", "soon", "HEAPSTREAM_STREAM_THREADS", "0"));

        assertThat(in.get(WINDOW)).isEqualTo(Duration.ofMinutes(1));
        in.get(THREADS);
        in.get(CLUSTER);

        assertThatThrownBy(in::throwIfInvalid)
                .isInstanceOf(SettingsException.class)
                .hasMessage("invalid test settings: --window (HEAPSTREAM_WINDOW): 'soon' is not a duration: write e.g. "
                        + Durations.FORMS + "; --stream-threads (HEAPSTREAM_STREAM_THREADS): must be at least 1,"
                        + " was '0'; --cluster (HEAPSTREAM_CLUSTER): required");
    }

    @Test
    void checkLooksAtGivenValuesOnlyAndLeavesMissingOnesToTheRole() {
        SettingsReader.check("test", List.of(WINDOW, CLUSTER), Map.of());

        assertThatThrownBy(() -> SettingsReader.check("test", List.of(WINDOW, CLUSTER),
                Map.of("HEAPSTREAM_WINDOW", "30")))
                .hasMessage("invalid test settings: --window (HEAPSTREAM_WINDOW): '30' has no unit: write e.g. 30s"
                        + " or 30ms");
    }

    @Test
    void prefixedEntriesComeBackWithoutThePrefix() {
        var in = new SettingsReader("test", Map.of("kafka.security.protocol", "SSL", "HEAPSTREAM_WINDOW", "1m"));

        assertThat(in.withPrefix("kafka.")).isEqualTo(Map.of("security.protocol", "SSL"));
    }

    @Test
    void aDefaultThatDoesNotParseIsRefusedAtTheDeclaration() {
        assertThatThrownBy(() -> Setting.flag("--cache-max-bytes", SettingType.BYTES).defaultValue("64m"))
                .hasMessageContaining("ambiguous");
    }

    @Test
    void theTableHasOneRowPerSettingWithItsDefault() {
        assertThat(SettingsTable.markdown(List.of(WINDOW, CLUSTER, PASSWORD))).isEqualTo("""
                | flag | environment | default | what |
                |---|---|---|---|
                | `--window` | `HEAPSTREAM_WINDOW` | `1m` | base window |
                | `--cluster` | `HEAPSTREAM_CLUSTER` | required |  |
                | — | `HEAPSTREAM_SECRET` | none |  |
                """);
    }
}
