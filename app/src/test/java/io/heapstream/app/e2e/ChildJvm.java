package io.heapstream.app.e2e;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line of a short-lived child JVM a test starts (the demo, a replay process): this JVM's java with
 * the flags the kit's broker has too (KafkaBroker.JVM_FLAGS). A child lives seconds to a minute, so C2's
 * compiler threads and a parallel collector cost the loaded build machine more CPU than they give back.
 */
public final class ChildJvm {
    /** Quick to start and light on CPU; the heap is the caller's choice. */
    public static final List<String> FLAGS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

    private ChildJvm() { }

    /** {@code java <FLAGS> <args...>}. */
    public static List<String> command(List<String> args) {
        var command = new ArrayList<String>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(FLAGS);
        command.addAll(args);
        return command;
    }
}
