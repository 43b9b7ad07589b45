package io.heapstream.api;

import io.heapstream.model.Topic;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds the API's state from a topic (the raw topic for metrics.k8s.io, the base rollup topic for the model API).
 * Every replica reads every partition (no consumer group, no commits): each holds the whole cluster, so any
 * replica answers any request and a restart costs one re-read. It starts {@code lookback} back in time (by record
 * timestamp) and is ready once it has read up to the end offsets it saw at start. An unreadable record is skipped
 * with one WARN line and a count: the dead-letter topic is the aggregator's business, the API only must not stop.
 */
public final class TopicFeed<K, V> implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(TopicFeed.class);

    private final KafkaConsumer<K, V> consumer;
    private final Topic<K, V> topic;
    private final BiConsumer<K, V> state;
    private final Duration lookback;
    private final Clock clock;
    private final Counter skipped;
    private final Counter read;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private volatile boolean ready;
    private volatile boolean alive = true;

    /** {@code state} is called on the feed's thread only, with every readable record that has a value. */
    public TopicFeed(Map<String, String> kafka, Topic<K, V> topic, BiConsumer<K, V> state, Duration lookback,
                     Clock clock, MeterRegistry registry) {
        var properties = new Properties();
        properties.putAll(kafka);
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        // the aggregator writes rollups exactly once, in transactions: never serve what it aborted
        properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        properties.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "heapstream-api-" + topic.name());
        this.consumer = new KafkaConsumer<>(properties, topic.keySerde().deserializer(),
                topic.valueSerde().deserializer());
        this.topic = topic;
        this.state = state;
        this.lookback = lookback;
        this.clock = clock;
        this.skipped = Counter.builder("heapstream_api_records_skipped").description("records that could not be read")
                .tag("topic", topic.name()).register(registry);
        this.read = Counter.builder("heapstream_api_records_read").description("records applied")
                .tag("topic", topic.name()).register(registry);
    }

    /** True once the state holds everything the topic had when the feed started. */
    public boolean isReady() {
        return ready;
    }

    public boolean isAlive() {
        return alive;
    }

    @Override
    public void run() {
        try {
            var ends = assignFromLookback();
            while (running.get()) {
                poll();
                if (!ready && caughtUp(ends)) {
                    ready = true;
                    LOG.info("api: state rebuilt from {}; ready", topic.name());
                }
            }
        } catch (WakeupException e) {
            if (running.get()) {
                throw e;
            }
        } catch (RuntimeException e) {
            alive = false;
            LOG.error("api: reading {} failed: {}", topic.name(), e.toString(), e);
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void poll() {
        try {
            for (var record : consumer.poll(Duration.ofMillis(500))) {
                if (record.value() != null) {
                    state.accept(record.key(), record.value());
                    read.increment();
                }
            }
        } catch (RecordDeserializationException e) {
            skipped.increment();
            LOG.warn("api: skipping unreadable record {}@{}: {}", e.topicPartition(), e.offset(), e.getMessage());
            consumer.seek(e.topicPartition(), e.offset() + 1);
        }
    }

    private Map<TopicPartition, Long> assignFromLookback() {
        List<TopicPartition> partitions;
        boolean told = false;
        while ((partitions = partitions()).isEmpty()) {
            if (!told) {
                LOG.warn("api: topic {} does not exist yet; not ready until it does", topic.name());
                told = true;
            }
            sleep();
            if (!running.get()) {
                return Map.of();
            }
        }
        consumer.assign(partitions);
        var since = clock.instant().minus(lookback).toEpochMilli();
        var query = new HashMap<TopicPartition, Long>();
        partitions.forEach(p -> query.put(p, since));
        var offsets = consumer.offsetsForTimes(query);
        var ends = consumer.endOffsets(partitions);
        for (var partition : partitions) {
            var found = offsets.get(partition);
            consumer.seek(partition, found == null ? ends.get(partition) : found.offset());
        }
        return ends;
    }

    private List<TopicPartition> partitions() {
        var infos = consumer.partitionsFor(topic.name(), Duration.ofSeconds(30));
        return infos == null ? List.of()
                : infos.stream().map(i -> new TopicPartition(i.topic(), i.partition())).toList();
    }

    private boolean caughtUp(Map<TopicPartition, Long> ends) {
        for (var end : ends.entrySet()) {
            if (consumer.position(end.getKey()) < end.getValue()) {
                return false;
            }
        }
        return true;
    }

    private void sleep() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running.set(false);
        }
    }

    /** Idempotent; the feed's thread closes the consumer. */
    public void stop() {
        if (running.compareAndSet(true, false)) {
            consumer.wakeup();
        }
    }
}
