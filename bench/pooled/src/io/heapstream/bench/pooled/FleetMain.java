package io.heapstream.bench.pooled;

import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.heapstream.local.KafkaBroker;
import io.heapstream.simulator.Fleet;
import io.heapstream.simulator.FleetSpec;
import io.heapstream.simulator.KubeletSimulator;
import io.heapstream.testkit.TestServices;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;

/**
 * Everything but the pooled collector, in a JVM of its own so that none of it is billed to the collector: a
 * KRaft broker with the raw topic, a simulated fleet of N nodes on one kubelet simulator, and fabric8's mock
 * API server listing those N Nodes. Prints {@code <bootstrap> <topic> <api url> <cluster> <kubelet port>},
 * runs until stdin closes. Usage: FleetMain NODES PODS_PER_NODE
 */
public final class FleetMain {
    /** Held: java.util.logging keeps loggers weakly, and a collected logger forgets its level. */
    private static final java.util.logging.Logger QUIET = java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");

    private FleetMain() { }

    public static void main(String[] args) throws Exception {
        QUIET.setLevel(java.util.logging.Level.WARNING);
        int nodes = Integer.parseInt(args[0]);
        int pods = Integer.parseInt(args[1]);
        var fleet = new Fleet(FleetSpec.of(1, nodes, pods, 2), Instant.now().minusSeconds(600));
        String cluster = fleet.clusters().get(0);
        var api = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new KubernetesCrudDispatcher(), false);
        api.init(InetAddress.getLoopbackAddress(), 0);
        try (var broker = KafkaBroker.launch(); var simulator = KubeletSimulator.start(fleet, Clock.systemUTC())) {
            String topic = TestServices.createTopic(broker.bootstrap(), "bench_pooled_" + System.currentTimeMillis(), 6);
            try (var client = api.createClient()) {
                for (String node : fleet.nodes(cluster)) {
                    client.nodes().resource(new NodeBuilder().withNewMetadata().withName(node).endMetadata()
                            .withNewStatus().addNewAddress().withType("InternalIP").withAddress("127.0.0.1")
                            .endAddress().withNewDaemonEndpoints().withNewKubeletEndpoint()
                            .withPort(simulator.port()).endKubeletEndpoint().endDaemonEndpoints().endStatus()
                            .build()).create();
                }
            }
            System.out.println(broker.bootstrap() + " " + topic + " " + api.url("/") + " " + cluster + " "
                    + simulator.port());
            System.out.flush();
            while (System.in.read() >= 0) {
                // Runs until the caller closes our input.
            }
        } finally {
            api.destroy();
        }
        System.exit(0);
    }
}
