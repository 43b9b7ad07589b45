package io.heapstream.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Model.OptionSpec;

class CollectorMainTest {

    @Test
    void collectorImageEntryPointOffersTheCollectorRoleOnly() {
        assertThat(CollectorMain.commandLine().getSubcommands().keySet()).containsExactly("collector", "help");
    }

    @Test
    void collectorTakesTheSameFlagsUnderEitherEntryPoint() {
        var viaMain = Main.commandLine().getSubcommands().get("collector").getCommandSpec().options();
        var viaCollectorMain = CollectorMain.commandLine().getSubcommands().get("collector").getCommandSpec().options();

        assertThat(viaCollectorMain.stream().map(OptionSpec::longestName))
                .containsExactlyElementsOf(viaMain.stream().map(OptionSpec::longestName).toList())
                .contains("--kafka-bootstrap", "--cluster");
    }

    @Test
    void badFlagIsOneLineWithExitCode2LikeMain() {
        var err = new StringWriter();
        var commandLine = CollectorMain.commandLine();
        commandLine.setErr(new PrintWriter(err));

        int code = commandLine.execute("collector", "--no-such-flag");

        assertThat(code).isEqualTo(2);
        assertThat(err.toString().strip()).doesNotContain("\n").contains("--no-such-flag");
    }
}
