package io.heapstream.app;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** PLACEHOLDER: the aggregator role is being wired by its stage's work; this file is replaced there. */
@Command(name = "aggregator", mixinStandardHelpOptions = true, description = "Turn raw stats into rates and hierarchical rollups (Kafka Streams).")
final class AggregatorCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() {
        System.err.println("heapstream aggregator: not available in this build yet");
        return 1;
    }
}
