package io.heapstream.collector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.heapstream.collector.pool.RawTally;
import io.heapstream.simulator.Fleet;
import io.heapstream.simulator.FleetSpec;
import io.heapstream.simulator.KubeletSimulator;
import io.heapstream.testkit.TestServices;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@code --mode pooled}: three replicas share a simulated fleet listed by the fabric8 mock API server and
 * publish to a real broker; read back from the raw topic, every node is scraped exactly once per slot, and when
 * one replica stops the others scrape its nodes within two intervals.
 */
@EnableKubernetesMockClient(crud = true)
class PooledModeIT {
    private static final Duration INTERVAL = Duration.ofSeconds(4);
    private static final int NODES = 12;

    KubernetesClient client;

    @Test
    void replicasScrapeEveryNodeOncePerSlotAndTakeOverAStoppedReplicasNodesWithinTwoIntervals() throws Exception {
        var fleet = new Fleet(FleetSpec.of(1, NODES, 3, 1), Instant.now().minusSeconds(600));
        String cluster = fleet.clusters().get(0);
        Set<String> nodes = Set.copyOf(fleet.nodes(cluster));
        String bootstrap = TestServices.kafkaBootstrap();
        String raw = TestServices.createTopic(bootstrap, TestServices.unique("raw_pooled"), 3);
        String shards = TestServices.unique("shards_pooled");
        try (var simulator = KubeletSimulator.start(fleet, Clock.systemUTC());
             var tally = new RawTally(bootstrap, raw)) {
            for (String node : nodes) {
                client.nodes().resource(new NodeBuilder().withNewMetadata().withName(node).endMetadata()
                        .withNewStatus().addNewAddress().withType("InternalIP").withAddress("127.0.0.1").endAddress()
                        .withNewDaemonEndpoints().withNewKubeletEndpoint().withPort(simulator.port())
                        .endKubeletEndpoint().endDaemonEndpoints().endStatus().build()).create();
            }
            var settings = new HashMap<String, String>();
            settings.put("HEAPSTREAM_MODE", "pooled");
            settings.put("HEAPSTREAM_CLUSTER", cluster);
            settings.put("HEAPSTREAM_KAFKA_BOOTSTRAP", bootstrap);
            settings.put("HEAPSTREAM_RAW_TOPIC", raw);
            settings.put("HEAPSTREAM_SHARD_TOPIC", shards);
            settings.put("HEAPSTREAM_SHARDS", "12");
            settings.put("HEAPSTREAM_SCRAPE_INTERVAL", INTERVAL.toSeconds() + "s");
            settings.put("HEAPSTREAM_KUBELET_URL_TEMPLATE", "http://{address}:{port}/" + cluster + "/{node}/stats/summary");
            var replicas = new ArrayList<CollectorService>();
            var registries = new ArrayList<SimpleMeterRegistry>();
            try {
                for (int i = 0; i < 3; i++) {
                    settings.put("HEAPSTREAM_NODE_NAME", "pool-" + i);
                    var registry = new SimpleMeterRegistry();
                    var replica = new CollectorService(CollectorConfig.fromMap(settings), registry, Clock.systemUTC(),
                            null, () -> client);
                    replica.start();
                    replicas.add(replica);
                    registries.add(registry);
                }
                // steady state: three slots in a row with every node once
                await().atMost(Duration.ofSeconds(60)).until(() -> tally.poll().completeSlotsInARow(nodes) >= 3);
                assertThat(replicas).allMatch(CollectorService::ready);
                assertThat(registries).as("every replica scrapes a share")
                        .allMatch(r -> r.find("heapstream.collector.scrapes").counter().count() > 0);

                replicas.get(0).close();
                Instant stopped = Instant.now();
                Instant handedOver = ScrapeLoop.nextSlot(stopped.plus(INTERVAL.multipliedBy(2)), INTERVAL);
                Instant lastChecked = handedOver.plus(INTERVAL.multipliedBy(2));
                await().atMost(Duration.ofSeconds(40)).until(() -> tally.poll().hasSlotAfter(lastChecked));

                for (Instant slot = handedOver; !slot.isAfter(lastChecked); slot = slot.plus(INTERVAL)) {
                    assertThat(tally.nodesOf(slot)).as("nodes scraped for slot %s (replica stopped at %s)", slot,
                            stopped).isEqualTo(nodes);
                }
                assertThat(tally.duplicates()).as("(node, slot) published more than once").isEmpty();
            } finally {
                replicas.forEach(CollectorService::close);
            }
        }
    }
}
