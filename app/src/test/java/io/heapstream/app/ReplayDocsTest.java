package io.heapstream.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.heapstream.model.settings.SettingsTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * docs/replay.md's flag tables are what {@code replay raw} and {@code replay rollups} declare (SettingsDocsTest
 * does this for the roles; replay's settings sit one level down, on its subcommands). To rewrite them:
 * {@code ./mvnw -q -B -pl app -am test -Dtest=ReplayDocsTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Dheapstream.docs.write=true}.
 */
class ReplayDocsTest {
    private static final Path PAGE = Path.of("..", "docs", "replay.md");

    @ParameterizedTest
    @ValueSource(strings = {"raw", "rollups"})
    void theTableIsTheDeclarations(String kind) throws IOException {
        var declares = (DeclaresSettings) Main.commandLine().getSubcommands().get("replay").getSubcommands()
                .get(kind).getCommandSpec().userObject();
        String begin = "<!-- settings table of replay " + kind + ": generated from the declarations, checked by"
                + " ReplayDocsTest -->";
        String text = Files.readString(PAGE);
        int from = text.indexOf(begin);
        int to = text.indexOf(SettingsDocsTest.END, from);
        assertThat(from).as("docs/replay.md needs the line " + begin).isNotNegative();
        String expected = begin + "\n" + SettingsTable.markdown(declares.settings());
        String actual = text.substring(from, to);
        if (Boolean.getBoolean("heapstream.docs.write") && !actual.equals(expected)) {
            Files.writeString(PAGE, text.substring(0, from) + expected + text.substring(to));
            actual = expected;
        }
        assertThat(actual).as("docs/replay.md's " + kind + " table differs from the declarations; rewrite it with"
                + " -Dheapstream.docs.write=true (see ReplayDocsTest)").isEqualTo(expected);
    }
}
