package io.heapstream.writer;

import io.heapstream.testkit.ChildLifeline;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.HashMap;
import java.util.concurrent.CountDownLatch;

/**
 * A writer in its own JVM for {@link WriterRestartIT}: settings as {@code KEY=VALUE} arguments. After InfluxDB
 * acknowledged the first batch it prints {@code ACKNOWLEDGED <points>} and blocks that batch before its offsets
 * can be committed, so the parent can kill the JVM between write and commit. Exits when its standard input
 * closes, so it never outlives the test JVM.
 */
public final class WriterChildMain {
    static final String ACKNOWLEDGED = "ACKNOWLEDGED ";

    private WriterChildMain() { }

    public static void main(String[] args) throws InterruptedException {
        ChildLifeline.start();
        var settings = new HashMap<String, String>();
        for (String arg : args) {
            String[] pair = arg.split("=", 2);
            settings.put(pair[0], pair[1]);
        }
        var never = new CountDownLatch(1);
        var writer = new WriterService(WriterConfig.fromMap(settings), new SimpleMeterRegistry(), batch -> {
            System.out.println(ACKNOWLEDGED + batch.points());
            System.out.flush();
            try {
                never.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        writer.start();
        never.await();
    }
}
