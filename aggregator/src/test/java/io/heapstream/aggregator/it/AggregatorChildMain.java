package io.heapstream.aggregator.it;

import io.heapstream.aggregator.AggregatorService;
import io.heapstream.aggregator.config.AggregatorConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;

/**
 * The aggregator in a child JVM, configured from its environment, so that a test can SIGKILL it: no
 * shutdown hook, no flush, no transaction commit — a real crash. It halts when its standard input closes,
 * so it never outlives the test JVM.
 */
public final class AggregatorChildMain {
    private AggregatorChildMain() { }

    public static void main(String[] args) throws InterruptedException {
        var service = new AggregatorService(AggregatorConfig.fromMap(System.getenv()), new SimpleMeterRegistry());
        var lifeline = new Thread(() -> {
            try {
                while (System.in.read() >= 0) {
                    // the parent never writes; EOF means it is gone
                }
            } catch (IOException e) {
                // same as EOF
            }
            Runtime.getRuntime().halt(3);
        }, "lifeline");
        lifeline.setDaemon(true);
        lifeline.start();
        service.start();
        while (true) {
            Thread.sleep(60_000);
        }
    }
}
