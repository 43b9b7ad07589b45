package io.heapstream.testkit;

import java.io.IOException;
import java.io.InputStream;

/**
 * For a role run in a child JVM by a test (to be killed mid-run): the child halts when its standard input reaches
 * its end, that is when the test JVM that started it is gone, so no child outlives its test.
 */
public final class ChildLifeline {
    private ChildLifeline() { }

    /** Starts the daemon thread that halts this JVM (status 3) once standard input closes. */
    public static void start() {
        var lifeline = new Thread(() -> {
            try (InputStream in = System.in) {
                while (in.read() >= 0) {
                    // the parent never writes; end of stream means it is gone
                }
            } catch (IOException e) {
                // same as end of stream
            }
            Runtime.getRuntime().halt(3);
        }, "lifeline");
        lifeline.setDaemon(true);
        lifeline.start();
    }
}
