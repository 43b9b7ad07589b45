package io.heapstream.app;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code heapstream replay raw|rollups}: rebuild a range of history in InfluxDB from Kafka (docs/replay.md). */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = "Rebuild a time range of history in InfluxDB from Kafka, without touching the live pipeline:"
                + " re-aggregate the raw topic (raw) or re-write a rollup topic (rollups). Only windows wholly inside"
                + " [--from, --to) are written; a second run leaves the same points.",
        subcommands = {ReplayRawCommand.class, ReplayRollupsCommand.class})
final class ReplayCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
        throw new ParameterException(spec.commandLine(), "raw or rollups is required");
    }
}
