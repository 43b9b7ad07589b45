package io.heapstream.api.metrics;

import io.heapstream.model.Topic;
import io.heapstream.model.raw.RawScrape;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds {@link LatestScrapes} from the raw topic. Every replica reads every partition (no consumer group, no
 * commits): each holds the whole cluster, so any replica answers any request and a restart costs one re-read.
 * It starts {@code lookback} back in time — enough for two scrapes of every node — and is ready once it has
 * read up to the end offsets it saw at start. An unreadable record is skipped with one WARN line and a count:
 * the dead-letter topic is the aggregator's business, the API only must not stop.
 */
public final class RawFeed implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(RawFeed.class);

    private final KafkaConsumer<String, RawScrape> consumer;
    private final Topic<String, RawScrape> topic;
    private final LatestScrapes state;
    private final Duration lookback;
    private final Clock clock;
    private final Counter skipped;
    private final Counter read;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private volatile boolean ready;
    private volatile boolean alive = true;

    public RawFeed(Map<String, String> kafka, Topic<String, RawScrape> topic, LatestScrapes state, Duration lookback,
                   Clock clock, MeterRegistry registry) {
        var properties = new Properties();
        properties.putAll(kafka);
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        properties.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "heapstream-api");
        this.consumer = new KafkaConsumer<>(properties, topic.keySerde().deserializer(),
                topic.valueSerde().deserializer());
        this.topic = topic;
        this.state = state;
        this.lookback = lookback;
        this.clock = clock;
        this.skipped = Counter.builder("heapstream_api_raw_skipped").description("raw records that could not be read")
                .register(registry);
        this.read = Counter.builder("heapstream_api_raw_read").description("raw scrapes applied").register(registry);
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
                    LOG.info("api: state rebuilt from {} ({} nodes); ready", topic.name(), state.nodeCount());
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
                    state.apply(record.value());
                    read.increment();
                }
            }
        } catch (RecordDeserializationException e) {
            skipped.increment();
            LOG.warn("api: skipping unreadable raw record {}@{}: {}", e.topicPartition(), e.offset(), e.getMessage());
            consumer.seek(e.topicPartition(), e.offset() + 1);
        }
    }

    private Map<TopicPartition, Long> assignFromLookback() {
        List<TopicPartition> partitions;
        while ((partitions = partitions()).isEmpty()) {
            LOG.warn("api: topic {} has no partitions yet; waiting", topic.name());
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
        return infos == null ? List.of() : infos.stream().map(i -> new TopicPartition(i.topic(), i.partition())).toList();
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
