package io.heapstream.app;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** PLACEHOLDER: the writer role is being wired by its stage's work; this file is replaced there. */
@Command(name = "writer", mixinStandardHelpOptions = true, description = "Write rollups into InfluxDB 1.x, committing only what InfluxDB acknowledged.")
final class WriterCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() {
        System.err.println("heapstream writer: not available in this build yet");
        return 1;
    }
}
