package io.heapstream.aggregator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.heapstream.aggregator.AggregatorConfig;
import io.heapstream.aggregator.AggregatorService;
import io.heapstream.model.raw.PodRef;
import io.heapstream.model.raw.PodStats;
import io.heapstream.model.raw.RawScrape;
import io.heapstream.model.rollup.Level;
import io.heapstream.model.rollup.Rollup;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * A raw record whose pod name breaks Kubernetes' rules (here: one crafted to split a line of line protocol) goes
 * to the dead-letter topic with the rule as the reason, on a real broker; the other scrapes are aggregated.
 */
class InvalidNamesIT {
    @Test
    void scrapeWithAnInvalidPodNameGoesToTheDeadLetterTopicWithTheReasonAndTheRestIsAggregated() {
        var broker = new Broker(1, List.of(Duration.ofSeconds(10)));
        var config = AggregatorConfig.fromMap(broker.env("10s", "0s", "", "10s"));
        var registry = new SimpleMeterRegistry();
        var scrapes = AggregatorKillIT.fleet(1, 6);
        broker.produce(List.of(crafted(scrapes.get(0))));
        broker.produce(scrapes);
        try (var service = new AggregatorService(config, registry);
             var dlq = broker.consumer(broker.deadLetter);
             var rollups = broker.consumer(broker.rollupPrefix + "10s")) {
            service.start();
            var dead = new ArrayList<ConsumerRecord<byte[], byte[]>>();
            var out = new ArrayList<Rollup>();
            await().atMost(Duration.ofSeconds(90)).until(() -> {
                dead.addAll(Broker.poll(dlq));
                Broker.poll(rollups).forEach(r -> out.add(Broker.rollup(r)));
                return !dead.isEmpty() && out.stream().anyMatch(r -> r.key().level() == Level.POD);
            });
            assertThat(dead).hasSize(1);
            var header = dead.get(0).headers().lastHeader("__streams.errors.message");
            assertThat(new String(header.value(), StandardCharsets.UTF_8))
                    .startsWith("invalid Kubernetes name: pod name 'web x=1 0\\u000aevil'");
            assertThat(out).noneMatch(r -> r.key().pod() != null && r.key().pod().contains("evil"));
            assertThat(registry.get("heapstream.aggregator.dead.letters").counter().count()).isEqualTo(1.0);
        }
    }

    /** The scrape with its first pod renamed to something no API server would accept. */
    private static RawScrape crafted(RawScrape scrape) {
        var pod = scrape.pods().get(0);
        var renamed = new PodStats(new PodRef("web x=1 0\nevil", pod.podRef().namespace(), "uid-evil"),
                pod.startTime(), pod.containers(), pod.cpu(), pod.memory(), pod.network(), pod.volume(),
                pod.ephemeralStorage(), pod.meta());
        return new RawScrape(scrape.schemaVersion(), scrape.cluster(), scrape.node(), scrape.scrapeTime(),
                scrape.nodeStats(), List.of(renamed));
    }
}
