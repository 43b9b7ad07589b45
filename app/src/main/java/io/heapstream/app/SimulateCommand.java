package io.heapstream.app;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** PLACEHOLDER: the simulate role is being wired by its stage's work; this file is replaced there. */
@Command(name = "simulate", mixinStandardHelpOptions = true, description = "Serve or produce a simulated fleet of kubelets, for demos, tests and benchmarks.")
final class SimulateCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() {
        System.err.println("heapstream simulate: not available in this build yet");
        return 1;
    }
}
