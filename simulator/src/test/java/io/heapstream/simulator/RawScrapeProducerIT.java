package io.heapstream.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.heapstream.model.Topics;
import io.heapstream.model.raw.RawScrape;
import io.heapstream.testkit.TestServices;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

class RawScrapeProducerIT {
    static final Instant START = Instant.parse("2025-11-04T19:15:00Z");

    @Test
    void aBackfilledRangeCanBeReadBackFromARealBrokerWithTheModelsSerde() {
        var bootstrap = TestServices.kafkaBootstrap();
        var topic = TestServices.createTopic(bootstrap, TestServices.unique("sim-raw"), 3);
        var fleet = new Fleet(FleetSpec.of(2, 5, 30, 2), START);
        // uncompressed: the test kit's child broker has no compression codecs on its classpath yet
        try (var producer = new RawScrapeProducer(bootstrap, topic, Map.of("compression.type", "none"))) {
            var result = producer.produceRange(fleet, START, START.plusSeconds(60), RawScrapeProducer.MAX_RATE);
            assertThat(result.scrapes()).isEqualTo(40);
            assertThat(result.failed()).isZero();
        }
        var props = new HashMap<String, Object>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.GROUP_ID_CONFIG, TestServices.unique("sim-raw-reader"));
        var seen = new HashMap<String, RawScrape>();
        try (var consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                Topics.RAW_SCRAPE.deserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (seen.size() < 40 && System.nanoTime() < deadline) {
                for (var r : consumer.poll(Duration.ofMillis(500))) {
                    assertThat(r.timestamp()).isEqualTo(r.value().scrapeTime().toEpochMilli());
                    seen.put(r.key() + "@" + r.value().scrapeTime(), r.value());
                }
            }
        }
        assertThat(seen).hasSize(40);
        var expected = fleet.scrape("cluster-2", "node-0005", START.plusSeconds(45));
        assertThat(seen.get("cluster-2/node-0005@" + START.plusSeconds(45))).isEqualTo(expected);
        assertThat(seen.values().stream().map(RawScrape::cluster).toList()).containsOnly("cluster-1", "cluster-2");
        assertThat(Set.copyOf(seen.values().stream().map(s -> s.pods().size()).toList())).containsOnly(30);
    }
}
