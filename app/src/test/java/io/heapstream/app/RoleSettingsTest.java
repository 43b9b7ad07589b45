package io.heapstream.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.heapstream.model.settings.Setting;
import io.heapstream.model.settings.SettingType;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every duration and byte-size setting of every role, enumerated from the declarations behind the command line:
 * each accepts the same forms, and each refuses the same ambiguous ones with one line and exit code 2.
 */
class RoleSettingsTest {
    private static final List<String> DURATIONS = List.of("500ms", "30s", "30S", "1m", "1h", "1d", "1h30m", "PT1M",
            "pt15s");
    private static final List<String> SIZES = List.of("1048576", "512Ki", "64Mi", "64MiB", "2Gi", "1Ti", "500k",
            "500K", "64M", "2G", "1T", "1.5Ki");

    private record Run(int exitCode, String err) { }

    private static Run run(String... args) {
        var err = new StringWriter();
        var commandLine = Main.commandLine();
        commandLine.setOut(new PrintWriter(new StringWriter(), true));
        commandLine.setErr(new PrintWriter(err, true));
        return new Run(commandLine.execute(args), err.toString());
    }

    /** (role, setting) for every size and duration setting a role's command line declares, shared ones included. */
    static Stream<Arguments> sizeAndDurationSettings() {
        return Main.commandLine().getSubcommands().values().stream()
                .flatMap(role -> Stream.concat(Stream.of(role.getCommandSpec().userObject()),
                                role.getCommandSpec().mixins().values().stream().map(m -> m.userObject()))
                        .filter(DeclaresSettings.class::isInstance)
                        .flatMap(declares -> ((DeclaresSettings) declares).settings().stream())
                        .filter(setting -> setting.flag() != null)
                        .filter(setting -> isSize(setting) || isDuration(setting))
                        .map(setting -> Arguments.of(role.getCommandName(), setting)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("sizeAndDurationSettings")
    void everySizeAndDurationSettingAcceptsTheSameFormsAndRefusesTheAmbiguousOnes(String role, Setting<?> setting) {
        for (String form : isSize(setting) ? SIZES : DURATIONS) {
            assertThat(setting.parse(form)).as(setting.flag() + " " + form).isNotNull();
        }

        String ambiguous = isSize(setting) ? "64m" : "30";
        var run = run(role, setting.flag(), ambiguous);

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().strip().lines()).hasSize(1);
        assertThat(run.err()).contains("heapstream " + role + ": invalid " + role + " settings: " + setting.names()
                + ": '" + ambiguous + "' " + (isSize(setting)
                        ? "is ambiguous: write 64Mi (mebibytes) or 64M (megabytes)"
                        : "has no unit: write e.g. 30s or 30ms"));
    }

    @Test
    void theEnumerationReachesEveryRolesSettings() {
        var found = sizeAndDurationSettings().map(a -> a.get()[0] + " " + ((Setting<?>) a.get()[1]).flag()).toList();

        assertThat(found).contains("collector --buffer-max-bytes", "collector --kubelet-timeout",
                "aggregator --cache-max-bytes", "aggregator --resolutions", "writer --retry-backoff");
    }

    private static boolean isSize(Setting<?> setting) {
        return setting.type().equals(SettingType.BYTES);
    }

    private static boolean isDuration(Setting<?> setting) {
        return setting.type().equals(SettingType.DURATION) || setting.type().equals(SettingType.DURATIONS);
    }
}
