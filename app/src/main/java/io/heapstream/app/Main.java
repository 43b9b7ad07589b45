package io.heapstream.app;

import io.heapstream.model.settings.SettingsException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

/** The {@code heapstream} executable: one subcommand per role. Only wires; the roles live in their modules. */
@Command(name = "heapstream",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Kafka-native successor to Heapster: kubelet stats -> Kafka -> rollups -> InfluxDB.",
        subcommands = {
                CollectorCommand.class,
                AggregatorCommand.class,
                WriterCommand.class,
                ReplayCommand.class,
                AlerterCommand.class,
                ApiCommand.class,
                SimulateCommand.class,
                DemoCommand.class,
                CommandLine.HelpCommand.class
        })
public final class Main implements Runnable {

    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line, also what tests execute. */
    public static CommandLine commandLine() {
        return configured(new CommandLine(new Main()));
    }

    /** Every entry point's error handling: the same one-line messages and exit codes. */
    static CommandLine configured(CommandLine commandLine) {
        commandLine.setParameterExceptionHandler(Main::oneLineError);
        commandLine.setExecutionExceptionHandler(Main::settingsError);
        return commandLine;
    }

    @Override
    public void run() {
        roleRequired(spec);
    }

    /** No role given: say what the roles are, and fail like any other usage error. */
    static void roleRequired(CommandSpec spec) {
        spec.commandLine().usage(spec.commandLine().getErr());
        throw new ParameterException(spec.commandLine(), "a role is required");
    }

    /** Bad flags: one line naming the problem and where help is, exit code 2 (picocli's usage code). */
    private static int oneLineError(ParameterException e, String[] args) {
        return oneLine(e.getCommandLine(), e.getMessage());
    }

    /** Settings a role cannot start with are the user's to fix, like bad flags: one line, exit code 2. */
    private static int settingsError(Exception e, CommandLine failed, ParseResult parsed) throws Exception {
        if (!(e instanceof SettingsException)) {
            throw e;
        }
        return oneLine(failed, e.getMessage());
    }

    private static int oneLine(CommandLine failed, String message) {
        PrintWriter err = failed.getErr();
        err.println(failed.getCommandSpec().qualifiedName() + ": " + message
                + " (see '" + failed.getCommandSpec().qualifiedName() + " --help')");
        err.flush();
        return failed.getCommandSpec().exitCodeOnInvalidInput();
    }

    /** Version from the jar's manifest, or "development" when run from classes. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Main.class.getPackage().getImplementationVersion();
            return new String[] {"heapstream " + (version == null ? "development" : version)};
        }
    }
}
