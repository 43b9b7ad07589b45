package io.heapstream.local;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Entry point of the broker's child JVM: formats the data directory on first start, then runs
 * {@code kafka.Kafka}. Formatting here rather than in a JVM of its own saves a second start-up.
 *
 * <p>Arguments: {@code <server.properties> <data dir> <cluster id>}. Runs only in the child JVM,
 * where {@code kafka_2.13} is on the classpath.
 */
public final class KafkaBrokerMain {

    private KafkaBrokerMain() { }

    public static void main(String[] args) {
        if (args.length != 3) {
            System.err.println("usage: KafkaBrokerMain <server.properties> <data dir> <cluster id>");
            System.exit(2);
        }
        var properties = args[0];
        var dataDir = Path.of(args[1]);
        var clusterId = args[2];
        if (!Files.exists(dataDir.resolve("meta.properties"))) {
            int status = kafka.tools.StorageTool.execute(
                    new String[] {"format", "--cluster-id", clusterId, "--config", properties}, System.out);
            if (status != 0) {
                System.err.println("formatting " + dataDir + " failed with status " + status);
                System.exit(status);
            }
        }
        kafka.Kafka.main(new String[] {properties});
    }
}
