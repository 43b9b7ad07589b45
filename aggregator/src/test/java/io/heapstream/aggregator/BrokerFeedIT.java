package io.heapstream.aggregator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.heapstream.model.BrokerWatch;
import io.heapstream.testkit.TestServices;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/**
 * The live aggregator's view of its raw partitions, against the kit's broker: silence counts on an empty partition
 * and on one the group has read to its end, not on one with unread records; a partition's growth is seen by the
 * others; and a look costs the broker two requests once the coordinator and leaders are known.
 */
class BrokerFeedIT {
    private final String bootstrap = TestServices.kafkaBootstrap();
    private final String raw = TestServices.createTopic(bootstrap, TestServices.unique("feed") + ".raw", 3);
    private final String group = TestServices.unique("feed-app");

    @Test
    void silenceCountsOnEmptyAndReadPartitionsOnlyAndALookCostsTwoRequests() throws Exception {
        long offset = produce(0);
        try (var feed = new BrokerFeed(raw, group, 3,
                Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap)).start()) {
            await().atMost(Duration.ofSeconds(30)).until(feed::reachable);
            await().atMost(Duration.ofSeconds(30)).until(() -> feed.silenceCountsSince(1) != Long.MAX_VALUE
                    && feed.silenceCountsSince(2) != Long.MAX_VALUE);
            assertThat(feed.silenceCountsSince(0)).as("records nobody has read").isEqualTo(Long.MAX_VALUE);

            commit(0, offset + 1);
            await().atMost(Duration.ofSeconds(60)).until(() -> feed.silenceCountsSince(0) != Long.MAX_VALUE);

            long before = System.currentTimeMillis();
            Thread.sleep(10);
            assertThat(feed.othersReceivedAfter(1, before)).isFalse();
            produce(0);
            await().atMost(Duration.ofSeconds(30)).until(() -> feed.othersReceivedAfter(1, before));
            assertThat(feed.othersReceivedAfter(0, before)).as("only partition 0 grew").isFalse();
            // a record still unread BEHIND_POLLS looks after it arrived stops the partition's silence counting
            await().atMost(Duration.ofSeconds(60)).until(() -> feed.silenceCountsSince(0) == Long.MAX_VALUE);
            commit(0, offset + 2);
            await().atMost(Duration.ofSeconds(60)).until(() -> feed.silenceCountsSince(0) != Long.MAX_VALUE);

            // every partition read or empty: each look asks for the end offsets and the committed ones, nothing
            // else (an admin client asked four times: first offsets, and the coordinator every time)
            double sent0 = feed.requestsSent();
            long began = System.nanoTime();
            Thread.sleep(BrokerWatch.EVERY.multipliedBy(8).toMillis());
            double sent = feed.requestsSent() - sent0;
            long looks = Duration.ofNanos(System.nanoTime() - began).dividedBy(BrokerWatch.EVERY) + 1;
            assertThat(sent).as("requests in %d looks at most", looks).isGreaterThanOrEqualTo(2)
                    .isLessThanOrEqualTo(2 * looks + 1);
        }
    }

    @Test
    void aFeedWhoseBrokerDoesNotAnswerIsNotReachableAndSilenceDoesNotCount() throws Exception {
        try (var feed = new BrokerFeed(raw, group, 3,
                Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:1")).start()) {
            Thread.sleep(BrokerWatch.EVERY.multipliedBy(2).toMillis());
            assertThat(feed.reachable()).isFalse();
            assertThat(feed.silenceCountsSince(1)).isEqualTo(Long.MAX_VALUE);
        }
    }

    private long produce(int partition) throws Exception {
        try (var producer = new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap), new ByteArraySerializer(), new ByteArraySerializer())) {
            return producer.send(new ProducerRecord<>(raw, partition, null, "x".getBytes(StandardCharsets.UTF_8)))
                    .get().offset();
        }
    }

    private void commit(int partition, long next) {
        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap, ConsumerConfig.GROUP_ID_CONFIG, group), new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.commitSync(Map.of(new TopicPartition(raw, partition), new OffsetAndMetadata(next)));
        }
    }
}
