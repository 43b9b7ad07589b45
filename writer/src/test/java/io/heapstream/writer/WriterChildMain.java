package io.heapstream.writer;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
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
        var lifeline = new Thread(() -> {
            try (InputStream in = System.in) {
                while (in.read() >= 0) {
                    // only waiting for end of stream
                }
            } catch (IOException ignored) {
                // same as end of stream
            }
            Runtime.getRuntime().halt(3);
        }, "lifeline");
        lifeline.setDaemon(true);
        lifeline.start();
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
