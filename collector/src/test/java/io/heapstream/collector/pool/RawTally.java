package io.heapstream.collector.pool;

import io.heapstream.model.Topics;
import io.heapstream.model.raw.RawScrape;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;

/** What the raw topic holds, slot by slot: how many records of each node. */
public final class RawTally implements AutoCloseable {
    private final KafkaConsumer<String, RawScrape> consumer;
    private final TreeMap<Instant, Map<String, Integer>> slots = new TreeMap<>();

    public RawTally(String bootstrap, String topic) {
        consumer = new KafkaConsumer<>(Map.<String, Object>of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "tally-" + topic, ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                Topics.STRING.deserializer(), Topics.RAW_SCRAPE.deserializer());
        consumer.subscribe(List.of(topic));
    }

    public RawTally poll() {
        consumer.poll(Duration.ofMillis(500)).forEach(r -> slots
                .computeIfAbsent(r.value().scrapeTime(), s -> new TreeMap<>())
                .merge(r.value().node(), 1, Integer::sum));
        return this;
    }

    /** The longest run of consecutive slots (by time) in which every node was published. */
    public int completeSlotsInARow(Set<String> nodes) {
        int best = 0;
        int run = 0;
        for (var slot : slots.values()) {
            run = slot.keySet().equals(nodes) ? run + 1 : 0;
            best = Math.max(best, run);
        }
        return best;
    }

    public boolean hasSlotAfter(Instant slot) {
        return slots.higherKey(slot) != null;
    }

    public Set<String> nodesOf(Instant slot) {
        return slots.getOrDefault(slot, Map.of()).keySet();
    }

    /** Every node and slot published more than once, as {@code node@slot}. */
    public List<String> duplicates() {
        return slots.entrySet().stream().flatMap(slot -> slot.getValue().entrySet().stream()
                .filter(n -> n.getValue() > 1).map(n -> n.getKey() + "@" + slot.getKey())).toList();
    }

    @Override
    public void close() {
        consumer.close();
    }
}
