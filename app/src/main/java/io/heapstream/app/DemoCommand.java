package io.heapstream.app;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** PLACEHOLDER: the demo role is being wired by its stage's work; this file is replaced there. */
@Command(name = "demo", mixinStandardHelpOptions = true, description = "Run the whole pipeline on this machine on embedded defaults.")
final class DemoCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() {
        System.err.println("heapstream demo: not available in this build yet");
        return 1;
    }
}
