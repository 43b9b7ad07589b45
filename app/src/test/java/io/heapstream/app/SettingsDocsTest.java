package io.heapstream.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.heapstream.model.settings.SettingsTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The flag tables of README.md (the shared settings) and of docs/&lt;role&gt;.md (each role's own) are what the
 * declarations say. To rewrite them after changing a declaration:
 * {@code ./mvnw -q -B -pl app -am test -Dtest=SettingsDocsTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Dheapstream.docs.write=true}.
 */
class SettingsDocsTest {
    static final String BEGIN = "<!-- settings table: generated from the declarations, checked by SettingsDocsTest -->";
    static final String END = "<!-- end of settings table -->";
    private static final Path ROOT = Path.of("..");

    /** README for the shared settings, then each role with declared settings and its page. */
    static Stream<Arguments> pages() {
        var commandLine = Main.commandLine();
        var roles = commandLine.getSubcommands().values().stream()
                .filter(role -> role.getCommandSpec().userObject() instanceof DeclaresSettings)
                .map(role -> Arguments.of("docs/" + role.getCommandName() + ".md",
                        (DeclaresSettings) role.getCommandSpec().userObject()));
        return Stream.concat(Stream.of(Arguments.of("README.md", new CommonOptions())), roles);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pages")
    void theTableOnThePageIsTheDeclarations(String page, DeclaresSettings declares) throws IOException {
        Path file = ROOT.resolve(page);
        String text = Files.readString(file);
        int begin = text.indexOf(BEGIN);
        int end = text.indexOf(END);
        assertThat(begin).as(page + " needs a settings table between the lines\n" + BEGIN + "\n" + END).isNotNegative();
        assertThat(end).as(page + " has no line " + END).isGreaterThan(begin);

        String expected = BEGIN + "\n" + SettingsTable.markdown(declares.settings());
        String actual = text.substring(begin, end);
        if (Boolean.getBoolean("heapstream.docs.write") && !actual.equals(expected)) {
            Files.writeString(file, text.substring(0, begin) + expected + text.substring(end));
            actual = expected;
        }

        assertThat(actual).as(page + "'s settings table differs from the declarations; rewrite it with ./mvnw -q -B"
                + " -pl app -am test -Dtest=SettingsDocsTest -Dsurefire.failIfNoSpecifiedTests=false"
                + " -Dheapstream.docs.write=true").isEqualTo(expected);
    }
}
