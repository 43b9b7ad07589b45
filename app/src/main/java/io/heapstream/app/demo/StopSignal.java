package io.heapstream.app.demo;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import sun.misc.Signal;

/**
 * Ctrl-C (SIGINT) and SIGTERM as a request to stop, so that the demo stops its stages in order and prints its
 * summary before the JVM exits. With the JVM's default handling, shutdown hooks would run at the same time and
 * the test kit's hooks would kill the broker under the aggregator that is still committing. A second signal
 * exits at once (the hooks still kill the child processes). There is no public Java API for this:
 * {@code sun.misc.Signal} (module jdk.unsupported) is what the JDK offers.
 */
public final class StopSignal {
    private final CountDownLatch requested = new CountDownLatch(1);

    /** Installs the handlers; call once, before starting anything that must be stopped in order. */
    public static StopSignal install() {
        var signal = new StopSignal();
        for (var name : new String[] {"INT", "TERM"}) {
            try {
                Signal.handle(new Signal(name), s -> signal.received());
            } catch (IllegalArgumentException unsupported) {
                // Not on this platform (or the JVM reserves it, e.g. with -Xrs): shutdown hooks still clean up.
            }
        }
        return signal;
    }

    /** A stop request no signal triggers (tests). */
    public static StopSignal manual() {
        return new StopSignal();
    }

    public void request() {
        requested.countDown();
    }

    /** Waits up to {@code timeout}; true when a stop was requested. */
    public boolean await(Duration timeout) throws InterruptedException {
        return requested.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public boolean requested() {
        return requested.getCount() == 0;
    }

    private void received() {
        if (requested()) {
            System.err.println("heapstream demo: second signal, exiting now");
            System.exit(130);
        }
        System.err.println("heapstream demo: stopping (again to exit at once) ...");
        request();
    }
}
