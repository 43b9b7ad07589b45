package io.heapstream.bench.collector;

import io.heapstream.local.KafkaBroker;
import io.heapstream.testkit.TestServices;

/**
 * A real KRaft broker for the benchmark (the test kit's, in its own JVM): creates the raw topic, prints
 * {@code <bootstrap> <topic>}, stops when stdin closes. The topic is made here so that the collector JVM loads
 * no admin client, which the collector role never does.
 */
public final class BrokerMain {
    private BrokerMain() { }

    public static void main(String[] args) throws Exception {
        try (var broker = KafkaBroker.launch()) {
            String topic = TestServices.createTopic(broker.bootstrap(), "bench_raw_" + System.currentTimeMillis(), 1);
            System.out.println(broker.bootstrap() + " " + topic);
            System.out.flush();
            while (System.in.read() >= 0) {
                // Runs until the caller closes our input.
            }
        }
        System.exit(0);
    }
}
