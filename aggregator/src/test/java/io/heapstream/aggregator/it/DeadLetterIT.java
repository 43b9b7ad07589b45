package io.heapstream.aggregator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.heapstream.aggregator.AggregatorService;
import io.heapstream.aggregator.config.AggregatorConfig;
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
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * Unreadable raw records, and records with names Kubernetes would not accept, land on the dead-letter topic with
 * Kafka's error headers; processing continues.
 */
class DeadLetterIT {
    /** What the aggregator wrote once a dead letter and a rollup of {@code level} appeared. */
    private record Outcome(List<ConsumerRecord<byte[], byte[]>> dead, List<Rollup> rollups,
                           SimpleMeterRegistry registry) { }

    @Test
    void malformedBytesGoToTheDeadLetterTopicWithHeadersAndProcessingContinues() {
        var broker = new Broker(1, List.of(Duration.ofSeconds(10)));
        var outcome = run(broker, Level.NODE, b -> b.produceBytes("c1/n1",
                "{\"schemaVersion\": 1, garbage".getBytes(StandardCharsets.UTF_8)));

        assertThat(outcome.dead()).hasSize(1);
        var record = outcome.dead().get(0);
        assertThat(new String(record.value(), StandardCharsets.UTF_8)).isEqualTo("{\"schemaVersion\": 1, garbage");
        assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo("c1/n1");
        assertThat(header(record, "__streams.errors.topic")).isEqualTo(broker.raw);
        assertThat(header(record, "__streams.errors.partition")).isEqualTo("0");
        assertThat(header(record, "__streams.errors.offset")).isEqualTo("0");
        assertThat(header(record, "__streams.errors.exception")).contains("SerializationException");
        assertThat(header(record, "__streams.errors.message")).contains("RawScrape");
        assertThat(outcome.registry().get("heapstream.aggregator.dead.letters").counter().count()).isEqualTo(1.0);
    }

    @Test
    void scrapeWithAPodNameKubernetesWouldRefuseGoesToTheDeadLetterTopicWithTheRuleAndTheRestIsAggregated() {
        var broker = new Broker(1, List.of(Duration.ofSeconds(10)));
        var outcome = run(broker, Level.POD, b -> b.produce(List.of(crafted(AggregatorKillIT.fleet(1, 1).get(0)))));

        assertThat(outcome.dead()).hasSize(1);
        assertThat(header(outcome.dead().get(0), "__streams.errors.message"))
                .startsWith("invalid Kubernetes name: pod name 'web x=1 0\\u000aevil'");
        assertThat(outcome.rollups()).noneMatch(r -> r.key().pod() != null && r.key().pod().contains("evil"));
        assertThat(outcome.registry().get("heapstream.aggregator.dead.letters").counter().count()).isEqualTo(1.0);
    }

    /** Produces {@code bad}, then a fleet's scrapes, and runs the aggregator until both kinds of output appear. */
    private static Outcome run(Broker broker, Level level, Consumer<Broker> bad) {
        var config = AggregatorConfig.fromMap(broker.env("10s", "0s", "", "10s"));
        var registry = new SimpleMeterRegistry();
        bad.accept(broker);
        broker.produce(AggregatorKillIT.fleet(1, 6));
        try (var service = new AggregatorService(config, registry);
             var dlq = broker.consumer(broker.deadLetter);
             var rollups = broker.consumer(broker.rollupPrefix + "10s")) {
            service.start();
            var dead = new ArrayList<ConsumerRecord<byte[], byte[]>>();
            var out = new ArrayList<Rollup>();
            await().atMost(Duration.ofSeconds(90)).until(() -> {
                dead.addAll(Broker.poll(dlq));
                Broker.poll(rollups).forEach(r -> out.add(Broker.rollup(r)));
                return !dead.isEmpty() && out.stream().anyMatch(r -> r.key().level() == level);
            });
            return new Outcome(dead, out, registry);
        }
    }

    /** The scrape with its first pod renamed to one crafted to split a line of line protocol. */
    private static RawScrape crafted(RawScrape scrape) {
        var pod = scrape.pods().get(0);
        var renamed = new PodStats(new PodRef("web x=1 0\nevil", pod.podRef().namespace(), "uid-evil"),
                pod.startTime(), pod.containers(), pod.cpu(), pod.memory(), pod.network(), pod.volume(),
                pod.ephemeralStorage(), pod.meta());
        return new RawScrape(scrape.schemaVersion(), scrape.cluster(), scrape.node(), scrape.scrapeTime(),
                scrape.nodeStats(), List.of(renamed));
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
