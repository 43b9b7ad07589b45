package io.heapstream.aggregator.it;

import io.heapstream.aggregator.AggregatorService;
import io.heapstream.aggregator.config.AggregatorConfig;
import io.heapstream.testkit.ChildLifeline;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * The aggregator in a child JVM, configured from its environment, so that a test can SIGKILL it: no
 * shutdown hook, no flush, no transaction commit — a real crash. It halts when its standard input closes,
 * so it never outlives the test JVM.
 */
public final class AggregatorChildMain {
    private AggregatorChildMain() { }

    public static void main(String[] args) throws InterruptedException {
        var service = new AggregatorService(AggregatorConfig.fromMap(System.getenv()), new SimpleMeterRegistry());
        ChildLifeline.start();
        service.start();
        while (true) {
            Thread.sleep(60_000);
        }
    }
}
