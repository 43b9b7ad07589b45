package io.heapstream.alerter.it;

import io.heapstream.alerter.AlerterService;
import io.heapstream.testkit.ChildLifeline;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.util.List;

/**
 * The alerter in a child JVM, so that a test can SIGKILL it: no shutdown hook, no flush, no commit. Its
 * config is the fixture's ({@link AlerterFixture#config}: bootstrap, topic prefix, directory as arguments); it halts
 * when its standard input closes, so it never outlives the test JVM.
 */
public final class AlerterChildMain {
    private AlerterChildMain() { }

    public static void main(String[] args) throws Exception {
        var config = AlerterFixture.config(args[0], args[1], Path.of(args[2]), List.of(), List.of());
        var service = new AlerterService(config, new SimpleMeterRegistry());
        ChildLifeline.start();
        service.start();
        while (true) {
            Thread.sleep(60_000);
        }
    }
}
