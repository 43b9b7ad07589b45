package io.heapstream.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.heapstream.model.settings.Setting;
import io.heapstream.model.settings.SettingType;
import io.heapstream.model.settings.SettingsException;
import io.heapstream.model.settings.SettingsReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** Options built from declarations: the help says what the declaration says; flag, then variable, then default. */
class SettingOptionsTest {
    static final Setting<Duration> WAIT = Setting.flag("--wait", SettingType.DURATION).defaultValue("5s")
            .description("how long to wait, e.g. `10s`");
    static final Setting<Boolean> DRY_RUN = Setting.flag("--dry-run", SettingType.BOOLEAN).defaultValue("false")
            .description("change nothing");
    static final Setting<String> SECRET = Setting.envOnly("HEAPSTREAM_SECRET", SettingType.STRING);

    @Command(name = "probe", modelTransformer = SettingOptions.class, mixinStandardHelpOptions = true)
    static final class Probe implements DeclaresSettings, Runnable {
        @Mixin
        CommonOptions common;

        private final Map<String, String> flags = new LinkedHashMap<>();

        @Override
        public List<Setting<?>> settings() {
            return List.of(WAIT, DRY_RUN, SECRET);
        }

        @Override
        public Map<String, String> flags() {
            return flags;
        }

        @Override
        public void run() { }
    }

    @Test
    void helpShowsEachFlagWithItsVariableAndDefaultButNoFlagForAnEnvironmentOnlySetting() {
        var out = new StringWriter();
        var commandLine = new CommandLine(new Probe());
        commandLine.setOut(new PrintWriter(out, true));

        commandLine.execute("--help");

        assertThat(out.toString().replaceAll("\\s+", " "))
                .contains("--wait=DURATION How long to wait, e.g. 10s (env HEAPSTREAM_WAIT; default 5s).")
                .contains("--dry-run[=BOOL] Change nothing (env HEAPSTREAM_DRY_RUN; default false).")
                .contains("--kafka-bootstrap=HOST:PORT[,...]")
                .doesNotContain("SECRET");
    }

    @Test
    void aFlagWinsOverTheVariableAndTheVariableOverTheDefault() {
        var probe = new Probe();
        new CommandLine(probe).parseArgs("--wait", "10s", "--raw-topic", "from-flag", "--dry-run");

        var values = probe.common.settings(probe, Map.of("HEAPSTREAM_WAIT", "20s",
                "HEAPSTREAM_RAW_TOPIC", "from-env", "HEAPSTREAM_LATE_TOPIC", "late-from-env"));
        var in = new SettingsReader("probe", values);

        assertThat(in.get(WAIT)).isEqualTo(Duration.ofSeconds(10));
        assertThat(in.get(DRY_RUN)).isTrue();
        assertThat(values).containsEntry("HEAPSTREAM_RAW_TOPIC", "from-flag")
                .containsEntry("HEAPSTREAM_LATE_TOPIC", "late-from-env")
                .doesNotContainKey("HEAPSTREAM_DEAD_LETTER_TOPIC");
    }

    @Test
    void badSharedAndOwnValuesAreNamedInOneMessage() {
        var probe = new Probe();
        new CommandLine(probe).parseArgs("--wait", "10", "--http-port", "http");

        assertThatThrownBy(() -> probe.common.settings(probe, Map.of()))
                .isInstanceOf(SettingsException.class)
                .hasMessage("invalid probe settings: --http-port (HEAPSTREAM_HTTP_PORT): 'http' is not a whole number;"
                        + " --wait (HEAPSTREAM_WAIT): '10' has no unit: write e.g. 10s or 10ms");
    }
}
