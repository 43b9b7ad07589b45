package io.heapstream.app.e2e;

import io.heapstream.model.Topics;
import io.heapstream.model.raw.RawScrape;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Reads back every record of the raw topic: exactly what the collectors published, as the aggregator read it. */
public final class RawTopic {
    private RawTopic() { }

    /** All records, in scrape-time order (stable, so partition order within a slot is kept). */
    public static List<RawScrape> readAll(String bootstrap, String topic) {
        var props = Map.<String, Object>of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        var deserializer = Topics.RAW_SCRAPE.deserializer();
        var scrapes = new ArrayList<RawScrape>();
        try (var consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            var partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            var end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + topic + " to its end " + end);
                }
                for (var record : consumer.poll(Duration.ofMillis(500))) {
                    scrapes.add(deserializer.deserialize(topic, record.value()));
                }
            }
        }
        scrapes.sort(Comparator.comparing(RawScrape::scrapeTime));
        return scrapes;
    }
}
