package io.heapstream.bench.collector;

import io.heapstream.testkit.KafkaBroker;

/** A real KRaft broker for the benchmark (the test kit's, in its own JVM): prints its bootstrap, stops when stdin closes. */
public final class BrokerMain {
    private BrokerMain() { }

    public static void main(String[] args) throws Exception {
        try (var broker = KafkaBroker.launch()) {
            System.out.println(broker.bootstrap());
            System.out.flush();
            while (System.in.read() >= 0) {
                // Runs until the caller closes our input.
            }
        }
        System.exit(0);
    }
}
