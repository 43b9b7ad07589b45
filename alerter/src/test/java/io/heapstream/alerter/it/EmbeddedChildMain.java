package io.heapstream.alerter.it;

import io.heapstream.testkit.ChildLifeline;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * The aggregator with the embedded rules ({@link EmbeddedFixture#env()}) in a child JVM, so that a test can SIGKILL
 * it: no shutdown hook, no flush, no commit. Arguments: {@link EmbeddedFixture#args()}. It halts when its standard
 * input closes, so it never outlives the test JVM.
 */
public final class EmbeddedChildMain {
    private EmbeddedChildMain() { }

    public static void main(String[] args) throws Exception {
        var registry = new SimpleMeterRegistry();
        var fixture = EmbeddedFixture.of(args);
        var alerter = fixture.alerter(registry);
        var aggregator = fixture.aggregator(alerter, registry);
        ChildLifeline.start();
        alerter.start();
        aggregator.start();
        while (true) {
            Thread.sleep(60_000);
        }
    }
}
