package io.heapstream.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.heapstream.model.settings.SettingsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The model API's InfluxDB settings: the writer's declarations, this role's defaults, the password never shown. */
class ApiConfigTest {

    @Test
    void withoutInfluxUrlNoInfluxIsAskedEvenThoughTheWriterHasADefaultUrl() {
        assertThat(ApiConfig.from(Map.of(), Map.of()).influx()).isNull();
    }

    @Test
    void theWritersNativeDatabaseAndThePolicyOfTheModelResolutionAreTheDefaults(@TempDir Path dir) throws Exception {
        var secret = Files.writeString(dir.resolve("password"), "s3cret\n");

        var influx = ApiConfig.from(Map.of("HEAPSTREAM_INFLUX_URL", "https://influx.example:8086",
                "HEAPSTREAM_INFLUX_USER", "reader", "HEAPSTREAM_INFLUX_PASSWORD_FILE", secret.toString(),
                "HEAPSTREAM_MODEL_RESOLUTION", "1h"), Map.of()).influx();

        assertThat(influx).isEqualTo(new ApiConfig.Influx("https://influx.example:8086", "heapstream", "rp_1h",
                "reader", "s3cret", Duration.ofSeconds(10)));
        assertThat(influx.toString()).doesNotContain("s3cret").contains("password=****");
    }

    @Test
    void credentialsWrittenIntoTheUrlAreNeverShown() {
        assertThat(influx("https://reader:s3cret@influx:8086/x@y").shownUrl()).isEqualTo("https://influx:8086/x@y");
        assertThat(influx("https://reader:s3cret@influx:8086").toString()).doesNotContain("s3cret");
        assertThat(influx("http://127.0.0.1:8086").shownUrl()).isEqualTo("http://127.0.0.1:8086");
        assertThat(influx("http://influx/a@b").shownUrl()).isEqualTo("http://influx/a@b");
    }

    private static ApiConfig.Influx influx(String url) {
        return new ApiConfig.Influx(url, "heapstream", "rp_1m", null, null, Duration.ofSeconds(1));
    }

    @Test
    void badInfluxSettingsAreOneLineNamingEachFlag() {
        assertThatThrownBy(() -> ApiConfig.from(Map.of("HEAPSTREAM_INFLUX_URL", "influx:8086",
                "HEAPSTREAM_INFLUX_PASSWORD", "x", "HEAPSTREAM_INFLUX_PASSWORD_FILE", "/nonexistent"), Map.of()))
                .isInstanceOf(SettingsException.class)
                .hasMessage("invalid api settings: --influx-url (HEAPSTREAM_INFLUX_URL): 'influx:8086' is not an"
                        + " http:// or https:// URL; --influx-password-file (HEAPSTREAM_INFLUX_PASSWORD_FILE): set"
                        + " either it or HEAPSTREAM_INFLUX_PASSWORD, not both");
    }
}
