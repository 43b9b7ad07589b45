package io.heapstream.app;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The collector image's entry point ({@code -Pimage,collector-image} in app/pom.xml): {@code heapstream collector}
 * and nothing else, so that its classpath needs only what the collector uses. {@link Main} names every role in
 * its annotation and picocli loads them all, aggregator and writer classes included; this root names one. The
 * DaemonSet's {@code args: ["collector"]} run the same command under either entry point.
 */
@Command(name = "heapstream",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "The Heapstream collector: kubelet stats -> Kafka.",
        subcommands = {CollectorCommand.class, CommandLine.HelpCommand.class})
public final class CollectorMain implements Runnable {

    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line, also what tests execute. */
    public static CommandLine commandLine() {
        return Main.configured(new CommandLine(new CollectorMain()));
    }

    @Override
    public void run() {
        Main.roleRequired(spec);
    }
}
