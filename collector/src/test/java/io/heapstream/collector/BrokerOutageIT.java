package io.heapstream.collector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.heapstream.local.KafkaBroker;
import io.heapstream.model.Topics;
import io.heapstream.model.raw.RawScrape;
import io.heapstream.testkit.Fixtures;
import io.heapstream.testkit.TestServices;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;

/**
 * The broker goes away for a while and comes back: the collector keeps scraping, keeps at most its buffer
 * bound, drops (and counts) the oldest beyond it, stays healthy, and delivers what it kept once the broker is
 * back, each record once.
 */
class BrokerOutageIT {
    private static final byte[] SUMMARY = Fixtures.bytes("elastic-beats/gke-derived/stats-summary-multiple-containers.json");

    @Test
    void bufferedRecordsAreDeliveredAfterTheOutageAndDropsBeyondTheBoundAreCounted() throws Exception {
        try (var broker = KafkaBroker.launch(); var kubelet = new FakeKubelet()) {
            kubelet.summary(FakeKubelet.body(SUMMARY));
            String topic = TestServices.createTopic(broker.bootstrap(), "raw_outage", 1);
            int recordBytes = recordBytes();
            long bound = recordBytes * 2L;
            var registry = new SimpleMeterRegistry();
            var config = CollectorConfig.fromMap(Map.of("HEAPSTREAM_CLUSTER", "it", "HEAPSTREAM_NODE_NAME", "gke-node",
                    "HEAPSTREAM_KAFKA_BOOTSTRAP", broker.bootstrap(), "HEAPSTREAM_RAW_TOPIC", topic,
                    "HEAPSTREAM_KUBELET_URL", kubelet.summaryUrl().toString(), "HEAPSTREAM_SCRAPE_INTERVAL", "1s",
                    "HEAPSTREAM_KUBELET_TIMEOUT", "1s", "HEAPSTREAM_METADATA", "off",
                    // Room for two records as produced, a few more as they wait deflated: a 1 s grid fills it
                    // within seconds of the broker going away.
                    "HEAPSTREAM_BUFFER_MAX_BYTES", String.valueOf(bound)));

            try (var service = new CollectorService(config, registry)) {
                service.start();
                await().atMost(Duration.ofSeconds(60)).until(() -> count(registry, "heapstream.collector.records.produced") >= 2);

                broker.stop();
                await().atMost(Duration.ofSeconds(60)).until(() -> count(registry, "heapstream.collector.buffer.dropped") >= 3);
                assertThat(service.healthy()).isTrue();
                // The bound, plus at most the record in flight and the newest.
                assertThat(service.publisher().bufferedBytes()).isLessThanOrEqualTo(bound + 2L * recordBytes);
                assertThat(service.publisher().bufferedRecords()).isPositive();

                broker.start();
                double producedBefore = count(registry, "heapstream.collector.records.produced");
                await().atMost(Duration.ofSeconds(90)).until(() -> service.publisher().bufferedRecords() == 0
                        && count(registry, "heapstream.collector.records.produced") > producedBefore + 3);
                assertThat(service.healthy()).isTrue();
            }

            double scrapes = count(registry, "heapstream.collector.scrapes");
            double produced = count(registry, "heapstream.collector.records.produced");
            double dropped = count(registry, "heapstream.collector.buffer.dropped");
            List<RawScrape> delivered = consumeAll(broker.bootstrap(), topic, (int) produced);
            assertThat(delivered).hasSize((int) produced);
            assertThat(produced + dropped).isEqualTo(scrapes);
            var slots = new HashSet<Instant>();
            delivered.forEach(r -> assertThat(slots.add(r.scrapeTime())).as("delivered once: %s", r.scrapeTime()).isTrue());
            assertThat(delivered).extracting(RawScrape::scrapeTime).isSorted();
        }
    }

    private static int recordBytes() throws Exception {
        var summary = io.heapstream.collector.kubelet.SummaryParser.parse(SUMMARY);
        var scrape = new RawScrape(RawScrape.SCHEMA_VERSION, "it", "gke-node", Instant.parse("2024-01-01T00:00:00Z"),
                summary.node(), summary.pods());
        return Topics.RAW_SCRAPE.serializer().serialize("t", scrape).length;
    }

    private static double count(SimpleMeterRegistry registry, String name) {
        var counter = registry.find(name).counter();
        return counter == null ? 0 : counter.count();
    }

    private static List<RawScrape> consumeAll(String bootstrap, String topic, int expected) {
        var props = Map.<String, Object>of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "outage-check", ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        var records = new ArrayList<RawScrape>();
        try (var consumer = new KafkaConsumer<>(props, Topics.STRING.deserializer(), Topics.RAW_SCRAPE.deserializer())) {
            consumer.subscribe(List.of(topic));
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                consumer.poll(Duration.ofMillis(500)).forEach(r -> records.add(r.value()));
                return records.size() >= expected;
            });
            // One more poll: anything beyond what the collector counted would be a duplicate.
            consumer.poll(Duration.ofSeconds(2)).forEach(r -> records.add(r.value()));
        }
        return records;
    }
}
