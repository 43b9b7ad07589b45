package io.heapstream.app;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** PLACEHOLDER: the collector role is being wired by its stage's work; this file is replaced there. */
@Command(name = "collector", mixinStandardHelpOptions = true, description = "Scrape this node's kubelet and publish raw stats to Kafka.")
final class CollectorCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() {
        System.err.println("heapstream collector: not available in this build yet");
        return 1;
    }
}
